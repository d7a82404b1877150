// The chat as the page shows it: the server's messages by seq, plus the visitor's own messages
// that are still on their way (keyed by client_id until the server's copy replaces them).
import type { ChatAttachment, ChatMessage } from '../api/types';

export type Delivery = 'sending' | 'delivered' | 'read' | 'failed';

export type Line = ChatMessage & { key: string; pending?: { sentAt: number; failed: boolean; attachmentId?: string } };

export type LinesAction =
  | { type: 'server'; messages: ChatMessage[] }
  | { type: 'local'; clientId: string; body: string; attachment: ChatAttachment | null; at: Date }
  | { type: 'ack'; clientId: string; seq: number }
  | { type: 'failed'; clientIds: string[] }
  | { type: 'retry'; clientId: string; at: Date }
  | { type: 'reset' };

export function linesReducer(lines: Map<string, Line>, action: LinesAction): Map<string, Line> {
  switch (action.type) {
    case 'reset':
      return new Map();
    case 'server': {
      const next = new Map(lines);
      for (const message of action.messages) {
        const key = message.client_id ?? message.id;
        next.set(key, { ...message, key });
      }
      return next;
    }
    case 'local': {
      const next = new Map(lines);
      const at = action.at.toISOString();
      next.set(action.clientId, {
        key: action.clientId,
        id: action.clientId,
        seq: Number.POSITIVE_INFINITY,
        sender: 'visitor',
        author_name: null,
        body: action.body,
        actions: null,
        attachment: action.attachment,
        client_id: action.clientId,
        created_at: at,
        pending: { sentAt: action.at.getTime(), failed: false, ...(action.attachment ? { attachmentId: action.attachment.id } : {}) },
      });
      return next;
    }
    case 'ack': {
      const line = lines.get(action.clientId);
      if (!line?.pending) return lines;
      const next = new Map(lines);
      next.set(action.clientId, { ...line, seq: action.seq, pending: undefined });
      return next;
    }
    case 'failed': {
      const next = new Map(lines);
      for (const clientId of action.clientIds) {
        const line = next.get(clientId);
        if (line?.pending) next.set(clientId, { ...line, pending: { ...line.pending, failed: true } });
      }
      return next;
    }
    case 'retry': {
      const line = lines.get(action.clientId);
      if (!line?.pending) return lines;
      const next = new Map(lines);
      next.set(action.clientId, { ...line, pending: { ...line.pending, failed: false, sentAt: action.at.getTime() } });
      return next;
    }
  }
}

export function ordered(lines: Map<string, Line>): Line[] {
  return [...lines.values()].sort((a, b) => a.seq - b.seq || a.created_at.localeCompare(b.created_at));
}

export function deliveryOf(line: Line, agentReadSeq: number): Delivery {
  if (line.pending) return line.pending.failed ? 'failed' : 'sending';
  return agentReadSeq >= line.seq ? 'read' : 'delivered';
}
