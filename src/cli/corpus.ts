import { listCorrections } from '../cases/cases.service.js';
import type { Config } from '../config.js';
import { CORPUS_TEXT_MAX, corpusLine } from '../diagnosis/classifier.js';
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
    let exported = 0;
    for (const correction of corrections) {
      // Lines the corpus loader would refuse (it stops the desk from starting) are cut to its limit.
      const line = corpusLine.safeParse({ text: correction.text.slice(0, CORPUS_TEXT_MAX).trim(), category: correction.to_category, lang: languageOf(correction.text) });
      if (!line.success) {
        io.err(`skipped a correction that is not a valid corpus line: ${line.error.issues[0]?.message ?? 'invalid'}`);
        continue;
      }
      io.out(JSON.stringify(line.data));
      exported += 1;
    }
    io.err(`exported ${exported} correction(s)${tenantId ? '' : ' from every tenant'}`);
    return 0;
  });
}
