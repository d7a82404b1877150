import type { NotificationMessage } from '../senders/types.js';
import { renderNotification } from './render.js';
import type { NotificationEvent, NotificationLocale } from './types.js';

/** The message the senders take: rendered text plus the event's data as the webhook payload. */
export function notificationMessage(id: string, event: NotificationEvent, locale: NotificationLocale): NotificationMessage {
  const rendered = renderNotification(event, locale);
  const link = event.data.link;
  return { id, event: event.event, ...rendered, ...(link ? { link } : {}), payload: { ...event.data, locale } };
}
