import { systemActor } from '../audit/audit.service.js';
import { createToken } from '../auth/auth.service.js';
import { roles, type Role } from '../auth/roles.js';
import type { Config } from '../config.js';
import { migrateToLatest, openDatabase, type Database } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { createTenant, findTenantBySlug } from '../tenants/tenants.service.js';
import type { Io } from './main.js';

/** Opens the configured database, migrated, for one command and closes it afterwards. */
export async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    return await work(database);
  } finally {
    await database.destroy();
  }
}

export async function migrateCommand(config: Config, io: Io): Promise<number> {
  const database = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database);
    io.out(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    return 0;
  } finally {
    await database.destroy();
  }
}

export async function tokenCreateCommand(config: Config, io: Io, options: { tenant?: string; role?: string; name?: string }): Promise<number> {
  const missing = (['tenant', 'role', 'name'] as const).filter((key) => !options[key]);
  if (missing.length > 0) {
    io.err(`token create needs ${missing.map((key) => `--${key}`).join(', ')}`);
    return 2;
  }
  if (!(roles as readonly string[]).includes(options.role ?? '')) {
    io.err(`--role must be one of ${roles.join(', ')}`);
    return 2;
  }
  return withDatabase(config, async ({ db }) => {
    const tenant = await findTenantBySlug(db, options.tenant ?? '');
    if (!tenant) {
      io.err(`no tenant "${options.tenant}"`);
      return 1;
    }
    const { token } = await createToken(db, tenant.id, { name: options.name ?? '', role: options.role as Role }, { ...systemActor, name: 'cli' }, new Date());
    io.out(token);
    return 0;
  });
}

export async function tenantCreateCommand(config: Config, io: Io, slug: string | undefined, options: { name?: string; timezone?: string }): Promise<number> {
  if (!slug) {
    io.err('tenant create needs a slug, e.g. paydesk tenant create acme --name "Acme Ltd"');
    return 2;
  }
  return withDatabase(config, async ({ db }) => {
    try {
      const tenant = await createTenant(db, { slug, name: options.name ?? slug, timezone: options.timezone ?? 'Asia/Shanghai' }, { ...systemActor, name: 'cli' }, new Date());
      io.out(`created tenant ${tenant.slug} (${tenant.timezone}) id=${tenant.id}`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        io.err(`cannot create tenant: ${error.errors?.map((e) => `${e.field}: ${e.message}`).join('; ') ?? (typeof error.detail === 'string' ? error.detail : error.code)}`);
        return 1;
      }
      throw error;
    }
  });
}
