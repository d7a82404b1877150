import { z } from 'zod';
import { createMessageBody } from '../cases/cases.schema.js';
import { conductRules } from './conduct.js';

const mode = z.enum(['block', 'warn', 'off']);

/** A tenant's conduct-guard settings. WeChat Pay complaints always block every rule, whatever is set here. */
export const conductSettingsSchema = z.strictObject({
  /** Per rule: block the message, send it with a warning, or skip the check. Rules left out keep the channel's default. */
  modes: z.strictObject(Object.fromEntries(conductRules.map((rule) => [rule, mode.optional()])) as Record<(typeof conductRules)[number], z.ZodOptional<typeof mode>>).default({}).describe("Per rule: block the message, send it with a warning, or skip the check. Rules left out keep the channel's default."),
  /** The merchant's own hotline, e-mail or account names, which agents may give out. */
  allowed_contacts: z.array(z.string().trim().min(1).max(100)).max(50).default([]).describe("The merchant's own hotline, e-mail or account names, which agents may give out."),
  /** Outbound messages an agent may send one customer per day (tenant time zone), across cases; 0 = no limit. */
  daily_contact_limit: z.number().int().min(0).max(1000).default(0).describe('Outbound messages agents may send one customer per day (tenant time zone), across cases; 0 = no limit.'),
  /** Beyond the daily limit: refuse the message (block) or send it with a warning (warn). */
  contact_limit_mode: z.enum(['block', 'warn']).default('block').describe('Beyond the daily limit: refuse the message (block) or send it with a warning (warn).'),
});
export type ConductSettings = z.infer<typeof conductSettingsSchema>;

/** POST /cases/{id}/messages/check: an outbound text to try against the conduct guard. */
export const conductCheckBody = z.strictObject({
  /** The reply as the agent would send it (same limits as a message body). */
  body: createMessageBody.shape.body.describe('The reply as the agent would send it (same limits as a message body).'),
});

/** What sending the text would meet, without sending it. */
export const conductCheckResponse = z.object({
  /** block: sending would be refused (422); warn: it would go, with warnings; ok: nothing to say. */
  decision: z.enum(['ok', 'warn', 'block']).describe('block: sending would be refused (422); warn: it would go, with warnings; ok: nothing to say.'),
  /** Every finding in text order, then the daily contact limit when it is reached. */
  warnings: z
    .array(
      z.object({
        /** The rule: malicious_label, insult, off_platform_contact, contact_details or contact_limit. */
        rule: z.string().describe('The rule: malicious_label, insult, off_platform_contact, contact_details or contact_limit.'),
        /** The offending text as written (empty for contact_limit). */
        match: z.string().describe('The offending text as written (empty for contact_limit).'),
        /** Why, in the language of Accept-Language. */
        message: z.string().describe('Why, in the language of Accept-Language.'),
        /** Whether this finding blocks the message or only warns. */
        mode: z.enum(['block', 'warn']).describe('Whether this finding blocks the message or only warns.'),
      }),
    )
    .describe('Every finding in text order, then the daily contact limit when it is reached.'),
});
export type ConductCheck = z.infer<typeof conductCheckResponse>;
