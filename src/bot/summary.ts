import { getPlaybook } from '../diagnosis/playbooks.js';
import type { Locale } from '../i18n/i18n.js';
import { describeFields, missingFor } from './answer.js';
import type { BotState } from './bot.js';
import { say } from './strings.js';

/** The internal note an agent reads at hand-off. */
export function handoffSummary(state: BotState, transcriptLength: number, locale: Locale): string {
  const separator = say(locale, 'list_separator');
  const lines = [say(locale, 'summary_title')];
  const playbook = state.category ? getPlaybook(state.category) : undefined;
  if (state.category && playbook) {
    const confidence = Math.round((state.confidence ?? 0) * 100);
    lines.push(say(locale, 'summary_category', { label: playbook.title[locale], category: state.category, confidence }));
  } else {
    lines.push(say(locale, 'summary_category_unknown'));
  }
  const collected = describeFields(state.category, locale, state.collected, Object.keys(state.collected));
  if (collected.length === 0) lines.push(say(locale, 'summary_collected_none'));
  else lines.push(say(locale, 'summary_collected'), ...collected.map((line) => `- ${line}`));
  const missing = missingFor(state.category, locale, state.collected);
  lines.push(missing.length === 0 ? say(locale, 'summary_missing_none') : say(locale, 'summary_missing', { fields: missing.map((info) => info.label).join(separator) }));
  lines.push(say(locale, 'summary_messages', { count: transcriptLength, turns: state.turns }));
  lines.push(say(locale, state.stopped ? 'summary_stopped' : 'summary_active'));
  return lines.join('\n');
}
