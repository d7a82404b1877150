import { z } from 'zod';
import { maskedText, uuid } from '../shared/schema.js';
import { roles, teamCodes } from './roles.js';

export const meResponse = z.object({
  tenant: z.object({ id: z.string(), slug: z.string(), timezone: z.string() }),
  token_id: z.string(),
  user_id: z.string().nullable(),
  name: z.string(),
  role: z.enum(roles),
});

export const createTokenBody = z.strictObject({
  /** Label shown in token lists (e.g. "CRM integration"). */ name: maskedText(100).describe('Label shown in token lists (e.g. "CRM integration").'),
  /** What the token may do. */ role: z.enum(roles).describe('What the token may do.'),
  /** The user the token acts as (assignments, message authorship). */ user_id: uuid.optional().describe('The user the token acts as (assignments, message authorship).'),
});

export const tokenResponse = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(roles),
  user_id: z.string().nullable(),
  /** First characters of the secret, to recognise it. */ prefix: z.string().describe('First characters of the secret, to recognise it.'),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export const createdTokenResponse = tokenResponse.extend({
  /** The secret. Shown once; only its hash is stored. */ token: z.string().describe('The secret. Shown once; only its hash is stored.'),
});

export const createUserBody = z.strictObject({
  name: maskedText(100),
  email: z.email().max(254).transform((value) => value.toLowerCase()).optional(),
  role: z.enum(roles),
  /** Team code: L1, L2, L3, risk, finance, tech or field. */ team: z.enum(teamCodes).optional().describe('Team code: L1, L2, L3, risk, finance, tech or field.'),
});

export const updateUserBody = z
  .strictObject({
    name: maskedText(100).optional(),
    role: z.enum(roles).optional(),
    team: z.enum(teamCodes).nullable().optional(),
    /** false deactivates the user (they can no longer be assigned). */ active: z.boolean().optional().describe('false deactivates the user (they can no longer be assigned).'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });

export const userResponse = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(roles),
  team: z.string().nullable(),
  active: z.boolean(),
  created_at: z.string(),
});

export const listUsersQuery = z.strictObject({ team: z.enum(teamCodes).optional(), role: z.enum(roles).optional() });

export const teamResponse = z.object({ code: z.string(), name: z.string(), tier: z.number().int().nullable() });

export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  /** Events checked before the first problem (all of them when ok). */ events: z.number().int().describe('Events checked before the first problem (all of them when ok).'),
  broken: z.object({ seq: z.number().int(), id: z.number().int().nullable(), reason: z.string() }).optional(),
});
