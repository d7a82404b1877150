import { randomUUID } from 'node:crypto';
import { appendEvent, type Actor } from '../audit/audit.service.js';
import type { Executor } from '../db/database.js';
import type { CustomerRow } from '../db/schema.js';
import { notFound } from '../http/errors.js';
import { decodeCursor, encodeCursor, toPage } from '../shared/cursor.js';
import type { CustomerInput } from './customers.schema.js';
import * as repo from './customers.repository.js';

const identityFields = ['email', 'phone', 'external_id'] as const;

export function toCustomerResponse(row: CustomerRow) {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, external_id: row.external_id, locale: row.locale, created_at: row.created_at };
}

/**
 * Finds the customer by email, then phone, then external id; creates one if none matches.
 * Details the match lacks (e.g. a phone number on an e-mail match) are filled in, never overwritten.
 */
export async function findOrCreateCustomer(db: Executor, tenantId: string, input: CustomerInput, actor: Actor, now: Date): Promise<{ customer: CustomerRow; created: boolean }> {
  const existing = await findAndComplete(db, tenantId, input, actor, now);
  if (existing) return { customer: existing, created: false };
  const row: CustomerRow = {
    id: randomUUID(),
    tenant_id: tenantId,
    name: input.name ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    external_id: input.external_id ?? null,
    locale: input.locale ?? null,
    created_at: now.toISOString(),
  };
  if (!(await repo.insertIfNew(db, row))) {
    // Another request created this customer a moment ago; use theirs.
    const raced = await findAndComplete(db, tenantId, input, actor, now);
    if (raced) return { customer: raced, created: false };
    throw new Error('customer insert conflicted but no matching customer was found');
  }
  await appendEvent(db, { tenantId, actor, type: 'customer.created', payload: { customer_id: row.id, name: row.name, email: row.email, phone: row.phone, external_id: row.external_id }, at: row.created_at });
  return { customer: row, created: true };
}

async function findAndComplete(db: Executor, tenantId: string, input: CustomerInput, actor: Actor, now: Date): Promise<CustomerRow | undefined> {
  for (const field of identityFields) {
    const value = input[field];
    if (!value) continue;
    const found = await repo.findByIdentity(db, tenantId, field, value);
    if (!found) continue;
    const missing: Partial<CustomerRow> = {};
    if (input.name && !found.name) missing.name = input.name;
    if (input.locale && !found.locale) missing.locale = input.locale;
    for (const other of identityFields) {
      const incoming = input[other];
      // An identity another customer already holds stays with that customer.
      if (incoming && !found[other] && !(await repo.findByIdentity(db, tenantId, other, incoming))) missing[other] = incoming;
    }
    if (Object.keys(missing).length > 0) {
      await repo.fillMissing(db, tenantId, found.id, missing);
      await appendEvent(db, { tenantId, actor, type: 'customer.updated', payload: { customer_id: found.id, added: missing }, at: now.toISOString() });
    }
    return { ...found, ...missing };
  }
  return undefined;
}

export async function getCustomer(db: Executor, tenantId: string, id: string): Promise<CustomerRow> {
  const row = await repo.findById(db, tenantId, id);
  if (!row) throw notFound('detail.customer_not_found', id);
  return row;
}

export async function listCustomers(db: Executor, tenantId: string, query: { q?: string; limit: number; cursor?: string }) {
  const after = query.cursor ? (decodeCursor(query.cursor, 'customers', ['instant', 'id']) as [string, string]) : undefined;
  const rows = await repo.list(db, tenantId, { q: query.q, after, limit: query.limit + 1 });
  return toPage(rows, query.limit, toCustomerResponse, (last) => encodeCursor('customers', [last.created_at, last.id]));
}

export const customerExists = async (db: Executor, tenantId: string, id: string) => (await repo.findById(db, tenantId, id)) !== undefined;

/** Display names of several customers of a tenant, by id. */
export const customerNames = repo.namesByIds;
