import type { Executor } from '../db/database.js';
import type { Locale } from '../i18n/i18n.js';
import type { ArticleHit } from '../kb/kb.service.js';
import { maskCardNumbers } from '../privacy/mask.js';
import { analyse, answerBody, categoryOf, describeFields, missingFor, nextQuestions, questionLines, type Requirement } from './answer.js';
import { openBroadcastRows } from './broadcasts.repository.js';
import { extractFields } from './extract.js';
import { guardRefundPromises } from './guard.js';
import { detectIntent } from './intents.js';
import { say } from './strings.js';

export { extractFields } from './extract.js';
export { guardRefundPromises, promisesRefund } from './guard.js';
export { detectIntent } from './intents.js';
export { isUploadInfo } from './answer.js';
export { handoffSummary } from './summary.js';

/** A quick-reply button under a bot message. */
export type BotAction = { id: 'handoff' | 'solved'; label: string };
/** One message the bot sends. */
export type BotReply = { body: string; actions: BotAction[] | null };
/**
 * What the bot remembers between turns; the caller stores it (JSON) and passes it back. `asked`
 * lists every key the bot asked for, once per time asked. Optional extras: `history` (the visitor's
 * masked words so far, capped, so later turns refine the diagnosis), `awaiting` (keys asked in the
 * last reply, so a short free-text answer can fill them) and `unclear` (unclear turns in a row).
 */
export type BotState = {
  category?: string;
  confidence?: number;
  collected: Record<string, string>;
  asked: string[];
  turns: number;
  stopped?: boolean;
  history?: string[];
  awaiting?: string[];
  unclear?: number;
};
export type BotTurn = { replies: BotReply[]; state: BotState; intent: 'answer' | 'handoff' | 'stop' | 'solved' };
export type ComposedAnswer = { category: string; confidence: number; text: string; article: ArticleHit | null; missing: { key: string; label: string }[] };

export const emptyBotState = (): BotState => ({ collected: {}, asked: [], turns: 0 });

const HISTORY_ENTRIES = 8;
const HISTORY_CHARS = 1000;
const MESSAGE_CHARS = 4000;
/** A reply this short to a question is taken as the answer to it. */
const SHORT_ANSWER = 80;
const DONT_KNOW = /不知道|不清楚|不记得|忘了|没有|没注意|don'?t know|not sure|no idea|can'?t remember|none|n\/a/iu;

/** "I'm Paydesk's automatic assistant (a bot)…": the first thing the bot says anywhere. */
export function botIntro(locale: Locale): string {
  return say(locale, 'intro');
}

function actions(locale: Locale, ids: BotAction['id'][]): BotAction[] {
  return ids.map((id) => ({ id, label: say(locale, id === 'handoff' ? 'action_handoff' : 'action_solved') }));
}

/** Public broadcasts of open incidents for a locale (newest first). */
export async function activeBroadcasts(db: Executor, tenantId: string, locale: Locale): Promise<{ id: string; text: string }[]> {
  const rows = await openBroadcastRows(db, tenantId);
  return rows.flatMap((row) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.broadcast);
    } catch {
      return [];
    }
    if (typeof parsed !== 'object' || parsed === null) return [];
    const texts = parsed as Record<string, unknown>;
    const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
    const text = [texts[locale], texts[other]].find((value): value is string => typeof value === 'string' && value.trim() !== '');
    return text ? [{ id: row.id, text: text.trim() }] : [];
  });
}

/** Diagnosis + best article + missing info as one answer text (portal's first answer uses it). */
export async function composeAnswer(
  db: Executor,
  tenantId: string,
  input: { text: string; locale: Locale; errorCode?: string; collected: Record<string, string>; now: Date; /** The category the customer picked, instead of diagnosing. */ category?: string },
): Promise<ComposedAnswer> {
  const text = maskCardNumbers(input.text.trim()).slice(0, MESSAGE_CHARS);
  const collected = { ...extractFields(text), ...input.collected };
  const analysis = await analyse(db, tenantId, { text, locale: input.locale, errorCode: input.errorCode ?? collected.error_code, category: input.category, collected });
  const body = answerBody(analysis, nextQuestions(analysis.missing, []), input.locale);
  return {
    category: analysis.category,
    confidence: analysis.confidence,
    text: guardRefundPromises(body, input.locale),
    article: analysis.article,
    missing: analysis.missing.map(({ key, label }) => ({ key, label })),
  };
}

/** The first reply of a conversation: open incidents' notices first, then who is talking. */
async function opening(db: Executor, tenantId: string, locale: Locale): Promise<BotReply> {
  const notices = (await activeBroadcasts(db, tenantId, locale)).map((broadcast) => say(locale, 'broadcast', { text: broadcast.text }));
  return { body: [...notices, botIntro(locale)].join('\n\n'), actions: null };
}

/** Fills the first awaited free-text field from a short reply that carried nothing recognisable. */
function fillAwaited(state: BotState, text: string, found: Record<string, string>, locale: Locale): void {
  const waiting = (state.awaiting ?? []).filter((key) => !state.collected[key]);
  const key = waiting[0];
  if (!key || Object.keys(found).length > 0 || text.length > SHORT_ANSWER) return;
  const info = missingFor(state.category, locale, state.collected).find((entry) => entry.key === key);
  if (!info || info.upload || /_id$|_no$|serial|^amount$|^error_code$/.test(key)) return;
  if (DONT_KNOW.test(text)) state.asked.push(key); // asked twice now: not asked again
  else state.collected[key] = text;
}

function remember(state: BotState, text: string): string[] {
  const history = [...(state.history ?? []), text.slice(0, HISTORY_CHARS)];
  return history.length > HISTORY_ENTRIES ? [history[0]!, ...history.slice(-(HISTORY_ENTRIES - 1))] : history;
}

/** One visitor message in → what the bot says and what should happen next. */
export async function botTurn(db: Executor, tenantId: string, input: { text: string; locale: Locale; state: BotState; now: Date }): Promise<BotTurn> {
  const { locale } = input;
  const state: BotState = { ...input.state, collected: { ...input.state.collected }, asked: [...input.state.asked] };
  const text = maskCardNumbers(input.text.trim()).slice(0, MESSAGE_CHARS);
  const intent = detectIntent(text);
  if (state.stopped) return { replies: [], state, intent: intent === 'handoff' ? 'handoff' : 'stop' };

  const replies: BotReply[] = state.turns === 0 ? [await opening(db, tenantId, locale)] : [];
  state.turns += 1;
  const found = extractFields(text);
  const before = { ...state.collected };
  Object.assign(state.collected, found);
  state.history = remember(state, text);
  const finish = (reply: BotReply, kind: BotTurn['intent']): BotTurn => {
    const guarded = [...replies, reply].map((entry) => ({ ...entry, body: guardRefundPromises(entry.body, locale) }));
    return { replies: guarded, state, intent: kind };
  };

  if (intent !== null) Object.assign(state, categoryOf(state.history, state.category, state.collected.error_code, locale));
  if (intent === 'handoff') return finish({ body: say(locale, 'handoff'), actions: null }, 'handoff');
  if (intent === 'stop') {
    state.stopped = true;
    return finish({ body: say(locale, 'stop'), actions: null }, 'stop');
  }
  if (intent === 'solved') return finish({ body: say(locale, 'solved'), actions: null }, 'solved');
  if (intent === 'identity') return finish({ body: say(locale, 'identity'), actions: actions(locale, ['handoff']) }, 'answer');

  fillAwaited(state, text, found, locale);
  const analysis = await analyse(db, tenantId, { text: state.history.join('\n'), locale, errorCode: state.collected.error_code, collected: state.collected });
  const previous = state.category;
  state.category = analysis.category;
  state.confidence = analysis.confidence;

  if (analysis.unclear) {
    state.unclear = (state.unclear ?? 0) + 1;
    state.awaiting = [];
    const body = state.unclear >= 2 ? say(locale, 'clarify_strong') : answerBody(analysis, [], locale);
    return finish({ body, actions: actions(locale, ['handoff']) }, 'answer');
  }
  state.unclear = 0;
  const ask = nextQuestions(analysis.missing, state.asked);
  state.asked.push(...ask.map((info) => info.key));
  state.awaiting = ask.map((info) => info.key);
  const body = previous === analysis.category ? followUp(state, before, analysis.missing, ask, locale) : answerBody(analysis, ask, locale);
  return finish({ body, actions: actions(locale, ['handoff', 'solved']) }, 'answer');
}

/** Same problem as before: acknowledge what is new and ask for what is still needed, without repeating the answer. */
function followUp(state: BotState, before: Record<string, string>, missing: Requirement[], ask: Requirement[], locale: Locale): string {
  const fresh = Object.keys(state.collected).filter((key) => state.collected[key] !== before[key]);
  const noted = describeFields(state.category, locale, state.collected, fresh);
  const lines: string[] = [];
  if (noted.length > 0) lines.push(say(locale, 'noted', { fields: noted.join(say(locale, 'list_separator')) }));
  if (ask.length === 0) lines.push(say(locale, missing.some((info) => !info.upload) ? 'follow_up' : 'all_collected'));
  lines.push(...questionLines(ask, missing, locale));
  if (noted.length === 0 && ask.length > 0) lines.push(say(locale, 'clarify_handoff'));
  return lines.join('\n\n');
}
