import type { Kysely } from 'kysely';
import { systemActor } from '../audit/audit.service.js';
import { createToken, createUser } from '../auth/auth.service.js';
import { inTransaction } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { seedStarterArticles } from '../kb/kb.service.js';
import { createTenant, listTenants } from './tenants.service.js';

/**
 * On the very first start (no tenant at all) creates the `default` tenant, an administrator, an
 * admin token and the starter knowledge-base articles. Returns the token secret, or null when
 * the desk was already set up.
 */
export async function bootstrapFirstRun(db: Kysely<DB>, timezone: string, now: Date): Promise<string | null> {
  if ((await listTenants(db)).length > 0) return null;
  // One transaction: a crash half-way leaves no tenant without an admin token behind.
  return inTransaction(db, async (trx) => {
    const tenant = await createTenant(trx, { slug: 'default', name: 'Default', timezone }, systemActor, now);
    const admin = await createUser(trx, tenant.id, { name: 'Administrator', role: 'admin' }, systemActor, now);
    const { token } = await createToken(trx, tenant.id, { name: 'first-start admin', role: 'admin', userId: admin.id }, systemActor, now);
    // A new desk's help centre is not empty: the starter articles, published.
    await seedStarterArticles(trx, tenant.id, now);
    return token;
  });
}
