import { appendEvent, type Actor } from '../audit/audit.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import { requireTeam } from '../tenants/tenants.service.js';
import { matchesCategory } from '../cases/taxonomy.js';
import { escalationPaths, type EscalationPaths } from './teams.schema.js';
import { readSetting, writeSetting } from './settings.repository.js';

const KEY = 'escalation_paths';

export async function getEscalationPaths(db: Executor, tenantId: string): Promise<EscalationPaths> {
  const stored = await readSetting(db, tenantId, KEY);
  return escalationPaths.parse(stored ? JSON.parse(stored) : {});
}

export async function setEscalationPaths(db: Executor, tenantId: string, paths: EscalationPaths, actor: Actor, now: Date): Promise<EscalationPaths> {
  return inTransaction(db, async (trx) => {
    for (const [index, team] of paths.tiers.entries()) await requireTeam(trx, tenantId, team, `body.tiers.${index}`);
    for (const [index, rule] of paths.category_rules.entries()) await requireTeam(trx, tenantId, rule.team, `body.category_rules.${index}.team`);
    const at = now.toISOString();
    await writeSetting(trx, tenantId, KEY, JSON.stringify(paths), at);
    await appendEvent(trx, { tenantId, actor, type: 'escalation_paths.updated', payload: { paths }, at });
    return paths;
  });
}

/**
 * Where a case goes next: a category rule (fraud → risk) unless it is already there, else the next
 * tier (a case without a team counts as first tier). Null: nowhere left but the supervisor.
 */
export function nextTeam(paths: EscalationPaths, target: { category: string; team: string | null }): string | null {
  for (const rule of paths.category_rules) {
    const matches = matchesCategory(rule.category, target.category);
    if (matches && target.team !== rule.team) return rule.team;
    if (matches) break;
  }
  const index = target.team ? paths.tiers.indexOf(target.team) : 0;
  if (index < 0) return null;
  return paths.tiers[index + 1] ?? null;
}
