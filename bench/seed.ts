import { randomUUID } from 'node:crypto';
import { systemActor } from '../src/audit/audit.service.js';
import { createToken, createUser } from '../src/auth/auth.service.js';
import type { Database } from '../src/db/database.js';
import type { CustomersTable, NewCase } from '../src/db/schema.js';
import { continueCaseNumbersAfter, createTenant } from '../src/tenants/tenants.service.js';
import { customerEmail } from './case-data.js';
import { seededCaseRow, seedSpanDays, type Agent } from './case-rows.js';
import type { Random } from './random.js';

export type SeededDesk = {
  tenantId: string;
  /** Bearer token of an agent (may read and write cases). */
  agentToken: string;
  agents: Agent[];
  customers: number;
  cases: number;
};

export type SeedOptions = {
  cases: number;
  now: Date;
  random: Random;
  /** Called after every batch with rows written so far (customers, then cases). */
  onProgress(done: number, total: number): void;
};

const agentTeams = ['L1', 'L1', 'L1', 'L1', 'L1', 'L1', 'L2', 'L2', 'L2', 'finance', 'finance', 'risk'] as const;
// 500 cases × 33 columns stays under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const caseBatch = 500;
const customerBatch = 1000;

/** One customer for every five cases, like a desk where some customers come back. */
export function customerCountFor(cases: number): number {
  return Math.max(100, Math.round(cases / 5));
}

/** The tenant (its default teams come with it), 12 agents and an agent's token, through the real services. */
export async function seedTenant(db: Database['db'], now: Date, slug = 'bench'): Promise<{ tenantId: string; agents: Agent[]; agentToken: string }> {
  const tenant = await createTenant(db, { slug, name: 'Bench Payments', timezone: 'Asia/Shanghai' }, systemActor, now);
  const agents: Agent[] = [];
  for (const [index, team] of agentTeams.entries()) {
    const user = await createUser(db, tenant.id, { name: `Agent ${index + 1}`, role: 'agent', team }, systemActor, now);
    agents.push({ id: user.id, team });
  }
  const first = agents[0];
  if (!first) throw new Error('no agent seeded');
  const { token } = await createToken(db, tenant.id, { name: 'bench agent', role: 'agent', userId: first.id }, systemActor, now);
  return { tenantId: tenant.id, agents, agentToken: token };
}

/** The index-th seeded customer; customers were created one a second, starting before the oldest case. */
export function seededCustomerRow(index: number, tenantId: string, now: Date, random: Random): CustomersTable {
  const customerSince = now.getTime() - (seedSpanDays + 30) * 24 * 60 * 60 * 1000;
  return {
    id: randomUUID(),
    tenant_id: tenantId,
    name: `Customer ${index}`,
    email: customerEmail(index),
    phone: null,
    external_id: null,
    locale: random.chance(0.7) ? 'zh-CN' : 'en',
    created_at: new Date(customerSince + index * 1000).toISOString(),
  };
}

/**
 * A tenant with agents and a token through the real services, then customers and cases bulk
 * inserted (going through HTTP would take hours). Seeded cases have no timeline events, and the
 * tenant's case counter is moved past them so new cases number on.
 */
export async function seedDesk(database: Database, options: SeedOptions): Promise<SeededDesk> {
  const { db } = database;
  const { now, random } = options;
  const tenant = await seedTenant(db, now);
  const { agents } = tenant;

  const customerCount = customerCountFor(options.cases);
  const total = customerCount + options.cases;
  const customerIds: string[] = [];
  for (let start = 0; start < customerCount; start += customerBatch) {
    const rows: CustomersTable[] = [];
    for (let index = start; index < Math.min(start + customerBatch, customerCount); index++) {
      const row = seededCustomerRow(index, tenant.tenantId, now, random);
      customerIds.push(row.id);
      rows.push(row);
    }
    await db.insertInto('customers').values(rows).execute();
    options.onProgress(start + rows.length, total);
  }

  const context = { tenantId: tenant.tenantId, agents, customerIds, now, random };
  for (let start = 0; start < options.cases; start += caseBatch) {
    const cases: NewCase[] = [];
    const tags: { tenant_id: string; case_id: string; tag: string }[] = [];
    for (let index = start; index < Math.min(start + caseBatch, options.cases); index++) {
      const seeded = seededCaseRow(index, options.cases, context);
      cases.push(seeded.row);
      for (const tag of seeded.tags) tags.push({ tenant_id: tenant.tenantId, case_id: seeded.row.id, tag });
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('cases').values(cases).execute();
      if (tags.length > 0) await trx.insertInto('case_tags').values(tags).execute();
    });
    options.onProgress(customerCount + start + cases.length, total);
  }
  await continueCaseNumbersAfter(db, tenant.tenantId, options.cases);
  return { tenantId: tenant.tenantId, agentToken: tenant.agentToken, agents, customers: customerCount, cases: options.cases };
}
