import { listCorrections } from '../cases/cases.service.js';
import type { Config } from '../config.js';
import { languageOf } from '../diagnosis/tokenize.js';
import { findTenantBySlug } from '../tenants/tenants.service.js';
import { withDatabase } from './admin.js';
import type { Io } from './main.js';

/**
 * `paydesk corpus export [--tenant <slug>]`: agents' corrections of auto-triage as JSON lines in the
 * corpus format ({text, category, lang}), ready to review and add to data/corpus/.
 */
export async function corpusExportCommand(config: Config, io: Io, options: { tenant?: string }): Promise<number> {
  return withDatabase(config, async ({ db }) => {
    let tenantId: string | null = null;
    if (options.tenant) {
      const tenant = await findTenantBySlug(db, options.tenant);
      if (!tenant) {
        io.err(`no tenant "${options.tenant}"`);
        return 1;
      }
      tenantId = tenant.id;
    }
    const corrections = await listCorrections(db, tenantId);
    for (const correction of corrections) io.out(JSON.stringify({ text: correction.text, category: correction.to_category, lang: languageOf(correction.text) }));
    io.err(`exported ${corrections.length} correction(s)`);
    return 0;
  });
}
