import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import { appendEvent, type Actor } from '../audit/audit.service.js';
import { requireCase } from '../cases/cases.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { PortalLinkRow } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { statusTokenShape } from '../privacy/mask.js';
import * as repo from './portal.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;
// last_used_at is refreshed at most this often, so a status page polling for news does not write each time.
const TOUCH_EVERY_MS = 60_000;
const tokenPattern = new RegExp(`^${statusTokenShape}$`);

/** The key that signs status links, derived from the server key so it is never the key of anything else. */
export function portalLinkKey(secretKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'paydesk portal link v1', 32));
}

function signature(key: Buffer, link: Pick<PortalLinkRow, 'tenant_id' | 'id' | 'case_id' | 'expires_at'>): Buffer {
  return createHmac('sha256', key).update(`${link.tenant_id}:${link.id}:${link.case_id}:${link.expires_at}`).digest();
}

/** `{linkId}.{base64url HMAC}`: whoever holds it may follow the case until it expires or is revoked. */
export function linkToken(key: Buffer, link: Pick<PortalLinkRow, 'tenant_id' | 'id' | 'case_id' | 'expires_at'>): string {
  return `${link.id}.${signature(key, link).toString('base64url')}`;
}

export const statusUrl = (publicUrl: string, token: string) => `${publicUrl}/portal/status/${token}`;

export type LinkStatus = 'active' | 'expired' | 'revoked';

export function linkStatus(link: PortalLinkRow, now: Date): LinkStatus {
  if (link.revoked_at) return 'revoked';
  return new Date(link.expires_at).getTime() <= now.getTime() ? 'expired' : 'active';
}

/** What agents see of a link: never the token (it cannot be rebuilt from this either). */
export function toLinkResponse(link: PortalLinkRow, now: Date) {
  return { id: link.id, created_by: link.created_by, created_at: link.created_at, expires_at: link.expires_at, revoked_at: link.revoked_at, last_used_at: link.last_used_at, status: linkStatus(link, now) };
}

/** A new link for a case, inside the caller's transaction; the token is returned once and never stored. */
export async function createLink(trx: Executor, key: Buffer, input: { tenantId: string; caseId: string; createdBy: string; days: number; actor: Actor; now: Date }) {
  const row: PortalLinkRow = {
    id: randomUUID(),
    tenant_id: input.tenantId,
    case_id: input.caseId,
    created_by: input.createdBy,
    created_at: input.now.toISOString(),
    expires_at: new Date(input.now.getTime() + input.days * DAY_MS).toISOString(),
    revoked_at: null,
    last_used_at: null,
  };
  await repo.insertLink(trx, row);
  await appendEvent(trx, { tenantId: input.tenantId, caseId: input.caseId, actor: input.actor, type: 'portal_link.created', payload: { link_id: row.id, expires_at: row.expires_at, created_by: row.created_by }, at: row.created_at });
  return { row, token: linkToken(key, row) };
}

/** An agent makes a link for a case: the URL is in this answer only. */
export async function createLinkForCase(db: Executor, key: Buffer, publicUrl: string, input: { tenantId: string; caseId: string; createdBy: string; days: number; actor: Actor; now: Date }) {
  return inTransaction(db, async (trx) => {
    await requireCase(trx, input.tenantId, input.caseId);
    const { row, token } = await createLink(trx, key, input);
    return { id: row.id, url: statusUrl(publicUrl, token), expires_at: row.expires_at };
  });
}

export async function listLinksOfCase(db: Executor, tenantId: string, caseId: string, now: Date) {
  await requireCase(db, tenantId, caseId);
  return { items: (await repo.listLinks(db, tenantId, caseId)).map((link) => toLinkResponse(link, now)) };
}

/** Revokes a link (again: no change); the customer's page answers 410 from then on. */
export async function revokeLinkOfCase(db: Executor, tenantId: string, caseId: string, linkId: string, actor: Actor, now: Date) {
  return inTransaction(db, async (trx) => {
    await requireCase(trx, tenantId, caseId);
    const link = await repo.findLink(trx, tenantId, caseId, linkId);
    if (!link) throw new AppError('not_found', { key: 'detail.portal_link_id_not_found', params: { id: linkId } });
    if (!link.revoked_at) {
      const at = now.toISOString();
      await repo.revokeLink(trx, tenantId, linkId, at);
      await appendEvent(trx, { tenantId, caseId, actor, type: 'portal_link.revoked', payload: { link_id: linkId }, at });
      link.revoked_at = at;
    }
    return toLinkResponse(link, now);
  });
}

const unknownLink = () => new AppError('not_found', { key: 'detail.portal_link_not_found' });
// Compared against when the id is unknown, so a miss costs about what a hit does.
const decoy = Buffer.alloc(32);

/**
 * The link a token stands for. Malformed, unknown or forged → 404 (the same answer for each, and
 * never an echo of the token); revoked or expired → 410. Marks the link as used.
 */
export async function resolveLink(db: Executor, key: Buffer, token: string, now: Date): Promise<PortalLinkRow> {
  const match = tokenPattern.exec(token);
  if (!match) throw unknownLink();
  const [, id = '', given = ''] = match;
  const presented = Buffer.from(given, 'base64url');
  const link = await repo.findLinkById(db, id);
  const expected = link ? signature(key, link) : decoy;
  const same = presented.length === expected.length && timingSafeEqual(presented, expected);
  if (!link || !same) throw unknownLink();
  const status = linkStatus(link, now);
  if (status === 'revoked') throw new AppError('gone', { key: 'detail.portal_link_revoked' });
  if (status === 'expired') throw new AppError('gone', { key: 'detail.portal_link_expired', params: { date: link.expires_at.slice(0, 10) } });
  if (!link.last_used_at || now.getTime() - new Date(link.last_used_at).getTime() >= TOUCH_EVERY_MS) {
    const at = now.toISOString();
    await repo.touchLink(db, link.tenant_id, link.id, at);
    link.last_used_at = at;
  }
  return link;
}
