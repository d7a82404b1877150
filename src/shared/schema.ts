import { z } from 'zod';
import { maskCardNumbers, maskStatusLinks } from '../privacy/mask.js';

/** Free text from outside: trimmed, length-checked, card numbers masked before anything sees it. */
export const maskedText = (max: number, min = 1) => z.string().trim().min(min).max(max).transform((text) => maskStatusLinks(maskCardNumbers(text)));

export const uuid = z.uuid();
/** An instant with an explicit offset, normalised to UTC; years 1970–9999 so both databases agree. */
export const isoInstant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .refine((date) => date.getUTCFullYear() >= 1970 && date.getUTCFullYear() <= 9999, 'must be between 1970 and 9999')
  .transform((date) => date.toISOString());
export const currency = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code in capitals, e.g. CNY');
export const limitParam = z.coerce.number().int().min(1).max(200).default(50);

export const idParams = z.object({ id: uuid.describe('Resource id (UUID)') });

/** Comma-separated list in a query string, each item checked against `item`. */
export const commaList = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()).filter((part) => part.length > 0))
    .pipe(z.array(item).min(1));

export const listEnvelope = <T extends z.ZodType>(item: T) =>
  z.object({
    /** One page of results. */
    items: z.array(item),
    /** Pass as `cursor` to get the next page; null on the last page. */
    next_cursor: z.string().nullable(),
  });

export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details');

/** Problem responses every authenticated route can give, for the OpenAPI document. */
export const commonProblems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** `{tenant}` in the public self-service paths: a tenant's slug (at most 63 characters, as tenants are made). */
export const tenantParams = z.object({ tenant: z.string().min(1).max(63).describe("The desk's tenant slug.") });
