import { verifyChain } from '../audit/audit.service.js';
import type { Config } from '../config.js';
import { findTenantBySlug, listTenants } from '../tenants/tenants.service.js';
import { withDatabase } from './admin.js';
import type { Io } from './main.js';
import { progressBar } from './progress.js';

/** Verifies every tenant's chain (or one); prints the first broken event and exits 1 if any. */
export async function auditVerifyCommand(config: Config, io: Io, options: { tenant?: string }): Promise<number> {
  return withDatabase(config, async ({ db }) => {
    let tenants = await listTenants(db);
    if (options.tenant) {
      const one = await findTenantBySlug(db, options.tenant);
      if (!one) {
        io.err(`no tenant "${options.tenant}"`);
        return 1;
      }
      tenants = [one];
    }
    let failures = 0;
    for (const tenant of tenants) {
      const bar = progressBar(`audit ${tenant.slug}`, tenant.audit_seq);
      const result = await verifyChain(db, tenant.id, (checked) => bar.update(checked));
      bar.stop();
      if (result.ok) {
        io.out(`ok      ${tenant.slug}: ${result.events} events, chain intact`);
      } else {
        failures += 1;
        io.out(`BROKEN  ${tenant.slug}: event seq=${result.broken.seq}${result.broken.id === null ? '' : ` id=${result.broken.id}`}: ${result.broken.reason}`);
      }
    }
    return failures > 0 ? 1 : 0;
  });
}
