import { registerCaseHooks } from '../cases/hooks.js';
import { queueReplyMail } from '../channels/email/outbound.service.js';
import type { Executor } from '../db/database.js';
import type { EmailDeliveryRow } from '../db/schema.js';
import { linkStatus, linkToken, portalLinkKey, statusUrl } from './links.js';
import { listLinks } from './portal.repository.js';
import { portalText } from './strings.js';

/**
 * Where a queued reply shows the customer's status link. The queue stores this mark, never the
 * link: the token is rebuilt from the server key when the mail is sent (expandStatusLinks).
 */
export const STATUS_LINK_MARK = '[[paydesk:status-link]]';

async function activeLink(db: Executor, tenantId: string, caseId: string, now: Date) {
  return (await listLinks(db, tenantId, caseId)).find((link) => linkStatus(link, now) === 'active');
}

/**
 * An agent's reply on a case opened in the help centre is e-mailed to the customer when they gave an
 * address and the desk has a mailbox that can send, pointing at their status page while a link to it
 * works (decided when the mail is sent); the customer's answer by e-mail threads back onto the case.
 * Without an address the reply waits on the status page.
 */
export function installPortalHooks(): void {
  registerCaseHooks('portal', {
    outbound: (context) => queueReplyMail(context, { withoutAddress: 'keep', note: (locale) => portalText(locale, 'mail_reply_note', { url: STATUS_LINK_MARK }) }),
  });
}

/**
 * The text of a queued reply as it is sent. On a portal case the note before the footer holds the
 * mark (replyText puts it there); it becomes the case's newest working status link or, when none
 * works any more (revoked or expired since), the note is left out. The mark anywhere else (typed by
 * an agent, or on another channel's case) is just text.
 */
export function expandStatusLinks(options: { secretKey: Buffer; publicUrl: string; now: () => Date }) {
  const key = portalLinkKey(options.secretKey);
  return async (db: Executor, delivery: EmailDeliveryRow): Promise<string> => {
    const paragraphs = delivery.text_body.split('\n\n');
    const noteAt = paragraphs.length - 2;
    if (noteAt < 0 || !paragraphs[noteAt]?.includes(STATUS_LINK_MARK)) return delivery.text_body;
    const kase = await db.selectFrom('cases').select('channel').where('tenant_id', '=', delivery.tenant_id).where('id', '=', delivery.case_id).executeTakeFirst();
    if (kase?.channel !== 'portal') return delivery.text_body;
    const link = await activeLink(db, delivery.tenant_id, delivery.case_id, options.now());
    const note = paragraphs[noteAt] ?? '';
    const expanded = link ? [note.split(STATUS_LINK_MARK).join(statusUrl(options.publicUrl, linkToken(key, link)))] : [];
    return [...paragraphs.slice(0, noteAt), ...expanded, ...paragraphs.slice(noteAt + 1)].join('\n\n');
  };
}
