import { z } from 'zod';
import { maskCardNumbers } from '../privacy/mask.js';
import { limitParam, listEnvelope, maskedText } from '../shared/schema.js';

/** Finds a customer by email, phone or external_id (in that order), or creates one. */
export const customerInput = z
  .strictObject({
    /** Display name. */ name: maskedText(200).optional().describe('Display name.'),
    /** E-mail address. */ email: z.email().max(254).transform((value) => value.toLowerCase()).optional().describe('E-mail address.'),
    /** Phone number, digits with optional leading +. */ phone: z.string().trim().regex(/^\+?[0-9][0-9 -]{4,24}$/, 'digits with optional +, spaces or dashes').transform((value) => value.replace(/[ -]/g, '')).optional().describe('Phone number, digits with optional leading +.'),
    /** Id in the merchant's own system (or a platform openid). */ external_id: z.string().trim().min(1).max(128).transform(maskCardNumbers).optional().describe('Id in the merchant\'s own system (or a platform openid).'),
    /** Preferred language. */ locale: z.enum(['zh-CN', 'en']).optional().describe('Preferred language.'),
  })
  .refine((value) => value.email || value.phone || value.external_id, { message: 'needs email, phone or external_id' });
export type CustomerInput = z.infer<typeof customerInput>;

export const customerResponse = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  external_id: z.string().nullable(),
  locale: z.string().nullable(),
  created_at: z.string(),
});

export const listCustomersQuery = z.strictObject({
  /** Matches name, email, phone or external_id. */ q: z.string().trim().min(1).max(200).optional().describe('Matches name, email, phone or external_id.'),
  limit: limitParam,
  cursor: z.string().max(500).optional(),
});

export const customerList = listEnvelope(customerResponse);
