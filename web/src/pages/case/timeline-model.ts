// Weaves messages, calls, attachments and audit events into one list in time order. Each message,
// call and attachment carries the audit event that recorded it (its hash), and a message keeps the
// conduct-guard warnings recorded just before it.
import type { Attachment, Call, Message, TimelineItem } from '../../api/types';

export type ConductNote = { rules: string[]; matches: string[] };

export type Entry =
  | { kind: 'message'; key: string; at: string; order: number; message: Message; event: TimelineItem | null; conduct: ConductNote | null }
  | { kind: 'call'; key: string; at: string; order: number; call: Call; event: TimelineItem | null }
  | { kind: 'attachment'; key: string; at: string; order: number; attachment: Attachment | null; event: TimelineItem }
  | { kind: 'event'; key: string; at: string; order: number; event: TimelineItem };

export type EntryKind = Entry['kind'];

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** The conduct.warned event right before a message.added event of the same actor belongs to it. */
function conductByMessageEvent(events: TimelineItem[]): Map<number, { note: ConductNote; warnedSeq: number }> {
  const linked = new Map<number, { note: ConductNote; warnedSeq: number }>();
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  sorted.forEach((event, index) => {
    if (event.type !== 'conduct.warned') return;
    const next = sorted.slice(index + 1).find((candidate) => candidate.type === 'message.added' && candidate.actor.id === event.actor.id);
    if (next && next.seq - event.seq <= 3) linked.set(next.seq, { note: { rules: strings(event.payload.rules), matches: strings(event.payload.matches) }, warnedSeq: event.seq });
  });
  return linked;
}

export function buildTimeline(input: { messages: Message[]; events: TimelineItem[]; calls: Call[]; attachments: Attachment[] }): Entry[] {
  const { messages, events, calls, attachments } = input;
  const conduct = conductByMessageEvent(events);
  const messageEvents = new Map<string, TimelineItem>();
  const callEvents = new Map<string, TimelineItem>();
  const attachedConduct = new Set<number>();
  for (const event of events) {
    const messageId = event.type === 'message.added' ? text(event.payload.message_id) : null;
    if (messageId) messageEvents.set(messageId, event);
    const callId = event.type === 'call.logged' ? text(event.payload.call_id) : null;
    if (callId) callEvents.set(callId, event);
  }
  const messageIds = new Set(messages.map((message) => message.id));
  const callIds = new Set(calls.map((call) => call.id));
  const attachmentsById = new Map(attachments.map((attachment) => [attachment.id, attachment]));
  const entries: Entry[] = [];

  for (const message of messages) {
    const event = messageEvents.get(message.id) ?? null;
    const linked = event ? conduct.get(event.seq) : undefined;
    if (linked) attachedConduct.add(linked.warnedSeq);
    entries.push({ kind: 'message', key: `m:${message.id}`, at: message.created_at, order: event?.seq ?? 0, message, event, conduct: linked?.note ?? null });
  }
  for (const call of calls) {
    const event = callEvents.get(call.id) ?? null;
    entries.push({ kind: 'call', key: `c:${call.id}`, at: call.started_at, order: event?.seq ?? 0, call, event });
  }
  for (const event of events) {
    if (event.type === 'message.added' && messageIds.has(text(event.payload.message_id) ?? '')) continue;
    if (event.type === 'call.logged' && callIds.has(text(event.payload.call_id) ?? '')) continue;
    if (event.type === 'conduct.warned' && attachedConduct.has(event.seq)) continue;
    if (event.type === 'attachment.added') {
      entries.push({ kind: 'attachment', key: `e:${event.seq}`, at: event.at, order: event.seq, attachment: attachmentsById.get(text(event.payload.attachment_id) ?? '') ?? null, event });
      continue;
    }
    entries.push({ kind: 'event', key: `e:${event.seq}`, at: event.at, order: event.seq, event });
  }
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.order - b.order);
}

/** Which timeline kinds a filter shows. */
export const timelineFilters = {
  all: ['message', 'call', 'attachment', 'event'],
  conversation: ['message', 'call', 'attachment'],
  audit: ['event', 'attachment'],
} as const satisfies Record<string, readonly EntryKind[]>;
export type TimelineFilter = keyof typeof timelineFilters;
