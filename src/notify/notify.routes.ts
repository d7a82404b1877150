import { z } from 'zod';
import { actorOf } from '../auth/auth.service.js';
import { authOf, type App, type AppContext } from '../http/context.js';
import { commonProblems, idParams, listEnvelope, problemSchema } from '../shared/schema.js';
import { channelBody, channelResponse, channelTestResponse, outboxItem, outboxQuery } from './channels.schema.js';
import * as channels from './channels.service.js';
import { listOutbox, retryDead } from './outbox.service.js';

const errors = commonProblems;
const tags = ['notifications'];

export async function notifyRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const key = ctx.secretKey;

  app.get('/notification-channels', {
    config: { permission: 'notifications:read' },
    schema: { tags, summary: 'Notification channels (secrets masked)', response: { 200: z.object({ items: z.array(channelResponse) }), ...errors } },
  }, async (request) => ({ items: await channels.listChannels(db, authOf(request).tenantId, key) }));

  app.post('/notification-channels', {
    config: { permission: 'notifications:manage', idempotency: false },
    schema: { tags, summary: 'Add a WeCom, DingTalk, Feishu, Slack, e-mail or signed-webhook channel', body: channelBody, response: { 201: channelResponse, ...errors } },
  }, async (request, reply) => {
    const auth = authOf(request);
    return reply.code(201).send(await channels.createChannel(db, auth.tenantId, request.body, key, actorOf(auth), ctx.now()));
  });

  app.get('/notification-channels/:id', {
    config: { permission: 'notifications:read' },
    schema: { tags, summary: 'Get a channel (secrets masked)', params: idParams, response: { 200: channelResponse, ...errors } },
  }, async (request) => channels.getChannel(db, authOf(request).tenantId, request.params.id, key));

  app.put('/notification-channels/:id', {
    config: { permission: 'notifications:manage', idempotency: false },
    schema: { tags, summary: 'Replace a channel (send the full config, secrets included)', params: idParams, body: channelBody, response: { 200: channelResponse, ...errors } },
  }, async (request) => {
    const auth = authOf(request);
    return channels.replaceChannel(db, auth.tenantId, request.params.id, request.body, key, actorOf(auth), ctx.now());
  });

  app.delete('/notification-channels/:id', {
    config: { permission: 'notifications:manage' },
    schema: { tags, summary: 'Delete a channel; its queued notifications are dead-lettered', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    const auth = authOf(request);
    await channels.deleteChannel(db, auth.tenantId, request.params.id, actorOf(auth), ctx.now());
    return reply.code(204).send(null);
  });

  app.post('/notification-channels/:id/test', {
    config: { permission: 'notifications:manage', idempotency: false },
    schema: { tags, summary: 'Send a test message now and report the outcome', params: idParams, response: { 200: channelTestResponse, ...errors } },
  }, async (request) => channels.testChannel(db, authOf(request).tenantId, request.params.id, key, { fetch: ctx.fetch, now: ctx.now }));

  app.get('/notifications/outbox', {
    config: { permission: 'notifications:read' },
    schema: { tags, summary: 'Queued, sent and dead-lettered notifications, newest first', querystring: outboxQuery, response: { 200: listEnvelope(outboxItem), ...errors } },
  }, async (request) => listOutbox(db, authOf(request).tenantId, request.query));

  app.post('/notifications/outbox/:id/retry', {
    config: { permission: 'notifications:manage' },
    schema: { tags, summary: 'Retry a dead-lettered notification', params: idParams, response: { 200: outboxItem, ...errors, 409: problemSchema } },
  }, async (request) => retryDead(db, authOf(request).tenantId, request.params.id, ctx.now()));
}
