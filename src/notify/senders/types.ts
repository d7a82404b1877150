/** One notification, already rendered, as every sender receives it. */
export type NotificationMessage = {
  /** Short one-liner (email subject, DingTalk markdown title). */
  title: string;
  /** Plain-text body, several lines. */
  text: string;
  /** Markdown body; WeCom/DingTalk take it as is, Slack gets it converted to mrkdwn. */
  markdown: string;
  /** URL of the case (or page) in the console. */
  link?: string;
  /** Event name, e.g. 'sla.reminder', 'sla.breached', 'case.escalated', 'handover', 'test'. */
  event: string;
  /** Outbox row id: the delivery id and idempotency hint. */
  id: string;
  /** Structured data for the generic webhook. */
  payload: Record<string, unknown>;
};

/** Side effects a sender needs, injected so tests control the network and the clock. */
export type SenderDeps = {
  fetch: typeof globalThis.fetch;
  now: () => Date;
  /** Per request; default 10 s. */
  timeoutMs?: number;
};

export const defaultTimeoutMs = 10_000;

/** A failed delivery; `retryable` tells the outbox whether trying again can help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** Wait at least this long before the next attempt (from Retry-After or a platform rate limit). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export type ChannelKind = 'wecom' | 'dingtalk' | 'feishu' | 'slack' | 'email' | 'webhook';
