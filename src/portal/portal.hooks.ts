import { registerCaseHooks, type OutboundContext } from '../cases/hooks.js';
import { queueReplyMail } from '../channels/email/outbound.service.js';
import { linkStatus, linkToken, portalLinkKey, statusUrl } from './links.js';
import { listLinks } from './portal.repository.js';
import { portalText } from './strings.js';

/** The case's newest working status link as a URL; its token is rebuilt from the server key, never stored. */
async function statusLinkOf({ trx, current, now, links }: OutboundContext): Promise<string | undefined> {
  if (!links) return undefined;
  const usable = (await listLinks(trx, current.tenant_id, current.id)).find((link) => linkStatus(link, now) === 'active');
  return usable ? statusUrl(links.publicUrl, linkToken(portalLinkKey(links.secretKey), usable)) : undefined;
}

/**
 * An agent's reply on a case opened in the help centre is e-mailed to the customer when they gave an
 * address and the desk has a mailbox that can send, with their status link; the customer's answer
 * by e-mail threads back onto the case. Without an address the reply waits on the status page.
 */
export function installPortalHooks(): void {
  registerCaseHooks('portal', {
    outbound: (context) =>
      queueReplyMail(context, {
        withoutAddress: 'keep',
        note: async (locale) => {
          const url = await statusLinkOf(context);
          return url ? portalText(locale, 'mail_reply_note', { url }) : undefined;
        },
      }),
  });
}
