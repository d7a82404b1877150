import { z } from 'zod';
import { actorOf } from '../auth/auth.service.js';
import { caseResponse } from '../cases/cases.schema.js';
import { customerWithCases } from '../cases/cases.service.js';
import { authOf, type App, type AppContext } from '../http/context.js';
import { idParams, commonProblems } from '../shared/schema.js';
import { customerInput, customerList, customerResponse, listCustomersQuery } from './customers.schema.js';
import { findOrCreateCustomer, listCustomers, toCustomerResponse } from './customers.service.js';

const errors = commonProblems;

export async function customerRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  app.post('/customers', {
    config: { permission: 'customers:write' },
    schema: { tags: ['customers'], summary: 'Find a customer by email, phone or external id, or create one', body: customerInput, response: { 200: customerResponse, 201: customerResponse, ...errors } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const { customer, created } = await db.transaction().execute((trx) => findOrCreateCustomer(trx, auth.tenantId, request.body, actorOf(auth), ctx.now()));
    return reply.code(created ? 201 : 200).send(toCustomerResponse(customer));
  });

  app.get('/customers', {
    config: { permission: 'customers:read' },
    schema: { tags: ['customers'], summary: 'List customers', querystring: listCustomersQuery, response: { 200: customerList, ...errors } },
  }, async (request) => listCustomers(db, authOf(request).tenantId, request.query));

  app.get('/customers/:id', {
    config: { permission: 'customers:read' },
    schema: { tags: ['customers'], summary: 'A customer with their latest 100 cases', params: idParams, response: { 200: customerResponse.extend({ cases: z.array(caseResponse) }), ...errors } },
  }, async (request) => customerWithCases(db, authOf(request).tenantId, request.params.id, ctx.now()));
}
