import { z } from 'zod';
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
