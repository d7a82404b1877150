import { z } from 'zod';
import { categories, resolutions } from '../cases/taxonomy.js';
import { statuses } from '../cases/status-machine.js';
import { maskCardNumbers } from '../privacy/mask.js';
import { currency, maskedText } from '../shared/schema.js';
import { problemGroups } from './forms.js';

const locale = z.enum(['zh-CN', 'en']);
/** A form sends "" for a box left empty: the same as leaving the field out. */
const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

export const tokenParams = z.object({ /** The signed status token from the status link. */ token: z.string().min(1).max(200).describe('The signed status token from the status link.') });
export const tokenAttachmentParams = tokenParams.extend({ /** Attachment id. */ id: z.uuid().describe('Attachment id.') });
export const caseLinkParams = z.object({ /** Case id. */ id: z.uuid().describe('Case id.'), /** Status link id. */ linkId: z.uuid().describe('Status link id.') });

export const localeQuery = z.strictObject({ /** zh-CN or en; default from Accept-Language. */ locale: locale.optional().describe('zh-CN or en; default from Accept-Language.') });
export const formQuery = localeQuery.extend({ /** Category id from the taxonomy. */ category: z.enum(categories).describe('Category id from the taxonomy.') });

export const defaultTenantResponse = z.object({ slug: z.string(), name: z.string() });

export const portalConfigResponse = z.object({
  tenant: defaultTenantResponse,
  /** Problems a customer can pick, grouped for the problem list. */
  problems: z.array(z.object({ category: z.enum(categories), label: z.string(), group: z.enum(problemGroups) })).describe('Problems a customer can pick, grouped for the problem list.'),
  /** Notices about open incidents, in the asked language, newest first. */
  broadcasts: z.array(z.object({ id: z.string(), text: z.string() })).describe('Notices about open incidents, in the asked language, newest first.'),
});

export const formResponse = z.object({
  category: z.enum(categories),
  label: z.string(),
  /** Playbook fields first (ref: the case reference they fill), then description, name, email and phone. */
  fields: z
    .array(z.object({ key: z.string(), label: z.string(), kind: z.enum(['text', 'amount', 'upload']), required: z.boolean(), ref: z.string().nullable() }))
    .describe('Playbook fields first (ref: the case reference they fill), then description, name, email and phone.'),
});

export const openCaseBody = z.strictObject({
  /** Category id the customer picked. */ category: z.enum(categories).describe('Category id the customer picked.'),
  /** Language of the answers and the e-mail. */ locale: locale.optional().describe('Language of the answers and the e-mail.'),
  /** The problem in the customer's words (card numbers are masked). */ description: maskedText(5000).describe("The problem in the customer's words (card numbers are masked)."),
  name: blankIsAbsent(maskedText(200)),
  /** Where to send the status link. */ email: blankIsAbsent(z.email().max(254).transform((value) => value.toLowerCase())).describe('Where to send the status link.'),
  phone: blankIsAbsent(z.string().trim().regex(/^\+?[0-9][0-9 -]{4,24}$/, 'digits with optional +, spaces or dashes').transform((value) => value.replace(/[ -]/g, ''))),
  /** Answers to the form's playbook fields by key (upload fields are sent as files afterwards). */
  fields: z
    .record(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a field key'), z.string().trim().max(500).transform(maskCardNumbers))
    .refine((value) => Object.keys(value).length <= 40, 'at most 40 fields')
    .default({})
    .describe('Answers to the form\'s playbook fields by key (upload fields are sent as files afterwards).'),
  /** The amount concerned as a decimal string and its ISO 4217 currency. */
  amount: z.strictObject({ value: z.string().trim().max(20), currency }).optional().describe('The amount concerned as a decimal string and its ISO 4217 currency.'),
  /** Leave empty (a trap for robots). */ website: z.string().max(500).optional().describe('Leave empty (a trap for robots).'),
});
export type OpenCaseBody = z.infer<typeof openCaseBody>;

const articleHit = z.object({
  id: z.string(),
  slug: z.string(),
  locale: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  excerpt: z.string(),
  highlight: z.object({ title: z.string(), snippet: z.string() }),
  score: z.number(),
  url: z.string(),
});

export const openCaseResponse = z.object({
  case_number: z.number().int(),
  /** The customer's status page; keep it private. */ status_url: z.string().describe("The customer's status page; keep it private."),
  /** The signed token in status_url, for the /public/v1/portal/status/{token} routes. */ token: z.string().describe('The signed token in status_url, for the /public/v1/portal/status/{token} routes.'),
  expires_at: z.string(),
  /** The automatic assistant's first answer (also on the status page). */
  answer: z.object({ text: z.string(), article: articleHit.nullable() }).describe('The automatic assistant\'s first answer (also on the status page).'),
});

const publicAttachment = z.object({ id: z.string(), filename: z.string(), size: z.number().int(), content_type: z.string(), created_at: z.string() });
export const publicAttachmentResponse = publicAttachment;

const csatView = z.object({ score: z.number().int(), comment: z.string().nullable(), created_at: z.string() });

export const statusResponse = z.object({
  /** Whose help centre this is (the page's header and its "back" link). */
  tenant: z.object({ slug: z.string(), name: z.string() }).describe('Whose help centre this is (the page\'s header and its "back" link).'),
  case: z.object({
    number: z.number().int(),
    subject: z.string(),
    status: z.enum(statuses),
    category: z.string(),
    category_label: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
    resolution: z.enum(resolutions).nullable(),
  }),
  /** What the customer and the desk said to each other, oldest first (internal notes never appear). */
  messages: z
    .array(z.object({ id: z.string(), from: z.enum(['customer', 'agent', 'bot']), author_name: z.string().nullable(), body: z.string(), created_at: z.string() }))
    .describe('What the customer and the desk said to each other, oldest first (internal notes never appear).'),
  attachments: z.array(publicAttachment),
  csat: csatView.nullable(),
  /** True when the case is resolved or closed and not rated yet. */ can_rate: z.boolean().describe('True when the case is resolved or closed and not rated yet.'),
  expires_at: z.string(),
  locale,
});

export const replyBody = z.strictObject({ /** The customer's message (card numbers are masked). */ body: maskedText(5000).describe("The customer's message (card numbers are masked).") });
export const replyResponse = z.object({ id: z.string(), from: z.literal('customer'), author_name: z.string().nullable(), body: z.string(), created_at: z.string() });

export const csatBody = z.strictObject({
  /** 1 (very unhappy) to 5 (very happy). */ score: z.number().int().min(1).max(5).describe('1 (very unhappy) to 5 (very happy).'),
  /** Optional words (card numbers are masked). */ comment: blankIsAbsent(maskedText(1000)).describe('Optional words (card numbers are masked).'),
});
export const csatResponse = z.object({ case_id: z.string(), score: z.number().int(), comment: z.string().nullable(), source: z.string(), created_at: z.string() });
export const publicCsatResponse = csatView;

export const createLinkBody = z.strictObject({ /** Days until it expires; default PAYDESK_PORTAL_LINK_DAYS. */ days: z.number().int().min(1).max(3650).optional().describe('Days until it expires; default PAYDESK_PORTAL_LINK_DAYS.') });
export const createdLinkResponse = z.object({ id: z.string(), /** Shown this once; it cannot be read again. */ url: z.string().describe('Shown this once; it cannot be read again.'), expires_at: z.string() });
export const linkResponse = z.object({
  id: z.string(),
  /** 'portal' (the customer opened the case) or the agent's user or token id. */ created_by: z.string().describe("'portal' (the customer opened the case) or the agent's user or token id."),
  created_at: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});
