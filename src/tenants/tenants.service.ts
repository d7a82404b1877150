import { randomUUID } from 'node:crypto';
import { appendEvent, GENESIS_HASH, type Actor } from '../audit/audit.service.js';
import { teamCodes } from '../auth/roles.js';
import { isValidTimezone } from '../config.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { TenantRow } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import * as repo from './tenants.repository.js';

const teamNames: Record<(typeof teamCodes)[number], { name: string; tier: number | null }> = {
  L1: { name: 'L1 frontline', tier: 1 },
  L2: { name: 'L2 specialists', tier: 2 },
  L3: { name: 'L3 engineering', tier: 3 },
  risk: { name: 'Risk and fraud', tier: null },
  finance: { name: 'Finance and refunds', tier: null },
  tech: { name: 'Technical support', tier: null },
  field: { name: 'Field service', tier: null },
};

export const tenantSlugPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;

export type NewTenant = { slug: string; name: string; timezone: string };

/** Creates a tenant with the standard teams; the first audit event opens its hash chain. */
export async function createTenant(db: Executor, input: NewTenant, actor: Actor, now: Date): Promise<TenantRow> {
  if (!tenantSlugPattern.test(input.slug)) {
    throw new AppError('validation_failed', undefined, [{ field: 'slug', message: 'lowercase letters, digits and dashes, 2–63 characters' }]);
  }
  if (!isValidTimezone(input.timezone)) {
    throw new AppError('validation_failed', undefined, [{ field: 'timezone', message: `unknown time zone "${input.timezone}"` }]);
  }
  return inTransaction(db, async (trx) => {
    if (await repo.findBySlug(trx, input.slug)) {
      throw new AppError('conflict', { key: 'detail.tenant_exists', params: { slug: input.slug } });
    }
    const id = randomUUID();
    const at = now.toISOString();
    await repo.insertTenant(trx, { id, slug: input.slug, name: input.name, timezone: input.timezone, audit_head: GENESIS_HASH, created_at: at });
    await repo.createCaseNumbering(trx, id);
    await repo.insertTeams(trx, teamCodes.map((code) => ({ tenant_id: id, code, ...teamNames[code] })));
    await appendEvent(trx, { tenantId: id, actor, type: 'tenant.created', payload: { slug: input.slug, name: input.name, timezone: input.timezone }, at });
    const tenant = await repo.findById(trx, id);
    if (!tenant) throw new Error('tenant vanished inside its own transaction');
    return tenant;
  });
}

export const findTenantBySlug = repo.findBySlug;
export const findTenantById = repo.findById;
export const listTenants = repo.listAll;
export const listTeams = repo.listTeams;
/** Refuses a team code the tenant does not have, naming the field it came from. */
export async function requireTeam(db: Executor, tenantId: string, team: string | null | undefined, field: string): Promise<void> {
  if (team && !(await repo.teamExists(db, tenantId, team))) {
    throw new AppError('validation_failed', { key: 'detail.unknown_team', params: { team } }, [{ field, message: `unknown team "${team}"` }]);
  }
}
export const nextCaseNumber = repo.nextCaseNumber;
export const continueCaseNumbersAfter = repo.continueCaseNumbersAfter;

const zones = new Map<string, string>();
/** A tenant's time zone (it never changes after creation, so it is cached). */
export async function tenantTimezone(db: Executor, tenantId: string): Promise<string> {
  let zone = zones.get(tenantId);
  if (!zone) {
    const tenant = await repo.findById(db, tenantId);
    if (!tenant) throw new Error(`tenant ${tenantId} not found`);
    zone = tenant.timezone;
    zones.set(tenantId, zone);
  }
  return zone;
}

export async function findTeam(db: Executor, tenantId: string, code: string) {
  return repo.findTeam(db, tenantId, code);
}

/** Teams whose business-hours clocks use a calendar. */
export const teamsWithCalendar = repo.teamsWithCalendar;
/** Sets a team's calendar or on-duty schedule (JSON). */
export const updateTeam = repo.updateTeam;
