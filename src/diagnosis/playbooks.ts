import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { teamCodes } from '../auth/roles.js';
import { categories, priorities, refNames, type Category } from '../cases/taxonomy.js';

/** Placeholders a reply template may use, written `{name}`; anything else in braces is rejected. */
export const templatePlaceholders = [
  'customer_name',
  'case_number',
  'transaction_id',
  'order_id',
  'amount',
  'currency',
  'error_code',
  'refund_days',
  'terminal_serial',
  'agent_name',
] as const;
export type TemplatePlaceholder = (typeof templatePlaceholders)[number];

/** `{anything}` between braces; the name is checked against `templatePlaceholders`. */
const placeholderPattern = /\{([^{}]*)\}/g;

/** The placeholder names used in a template text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(placeholderPattern)].map((match) => match[1] ?? ''))];
}

const allowedPlaceholders = new Set<string>(templatePlaceholders);

const localized = z.strictObject({ 'zh-CN': z.string().trim().min(1), en: z.string().trim().min(1) });

const templateText = localized.superRefine((text, ctx) => {
  for (const locale of ['zh-CN', 'en'] as const) {
    for (const name of placeholdersIn(text[locale])) {
      if (!allowedPlaceholders.has(name)) {
        ctx.addIssue({ code: 'custom', path: [locale], message: `placeholder {${name}} is not one of ${templatePlaceholders.join(', ')}` });
      }
    }
  }
  const zh = placeholdersIn(text['zh-CN']).sort().join(',');
  const en = placeholdersIn(text.en).sort().join(',');
  if (zh !== en) ctx.addIssue({ code: 'custom', message: `zh-CN uses {${zh}} but en uses {${en}}; both languages must use the same placeholders` });
});

const snakeCase = z.string().regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, 'must be snake_case');

export const requiredInfoSchema = z.strictObject({
  /** What to collect, in snake_case (transaction_id, terminal_model, transfer_proof…). */
  key: snakeCase,
  label: localized,
  /** The case field that holds it, if any: one of the case references, or `amount` for the case amount. */
  ref: z.enum([...refNames, 'amount']).nullable(),
});

const replyTemplateSchema = z.strictObject({ id: snakeCase, text: templateText });

const escalationSchema = z.strictObject({
  when: localized,
  to: z.enum(teamCodes),
  /** Whether this situation should also open (or join) an incident, e.g. an outage. */
  incident: z.boolean(),
});

export const playbookSchema = z
  .strictObject({
    category: z.enum(categories),
    title: localized,
    required_info: z.array(requiredInfoSchema).min(1),
    steps: z.strictObject({ 'zh-CN': z.array(z.string().trim().min(1)).min(1), en: z.array(z.string().trim().min(1)).min(1) }),
    /** The first template is the suggested first reply and must have the id `first_reply`. */
    reply_templates: z.array(replyTemplateSchema).min(2),
    /** In order of preference: the first entry is the usual team to hand over to. */
    escalation: z.array(escalationSchema).min(1),
    /** false when the problem cannot be solved by phone or chat (physical damage, fraud or legal matters). */
    resolvable_remotely: z.boolean(),
    priority_hint: z.enum(priorities),
  })
  .superRefine((playbook, ctx) => {
    if (playbook.steps['zh-CN'].length !== playbook.steps.en.length) {
      ctx.addIssue({ code: 'custom', path: ['steps'], message: `zh-CN has ${playbook.steps['zh-CN'].length} steps but en has ${playbook.steps.en.length}` });
    }
    const duplicate = (values: string[]) => values.find((value, index) => values.indexOf(value) !== index);
    const key = duplicate(playbook.required_info.map((info) => info.key));
    if (key) ctx.addIssue({ code: 'custom', path: ['required_info'], message: `key "${key}" appears twice` });
    const id = duplicate(playbook.reply_templates.map((template) => template.id));
    if (id) ctx.addIssue({ code: 'custom', path: ['reply_templates'], message: `template id "${id}" appears twice` });
    if (playbook.reply_templates[0]?.id !== 'first_reply') {
      ctx.addIssue({ code: 'custom', path: ['reply_templates', 0, 'id'], message: 'the first template must be "first_reply"' });
    }
  });

export type Playbook = z.infer<typeof playbookSchema>;
export type RequiredInfo = z.infer<typeof requiredInfoSchema>;

const defaultDir = new URL('../../data/playbooks/', import.meta.url);
const cache = new Map<string, ReadonlyMap<Category, Playbook>>();

function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
}

/**
 * Every playbook in `dir` (one `<category>.json` per taxonomy category), validated and cached per
 * directory. Throws with the file and the JSON path of the first problem: an unreadable or invalid
 * file, a file named after another category, a stray file, or a category without a playbook.
 */
export function loadPlaybooks(dir: URL | string = defaultDir): ReadonlyMap<Category, Playbook> {
  const path = resolve(typeof dir === 'string' ? dir : fileURLToPath(dir));
  const cached = cache.get(path);
  if (cached) return cached;
  const playbooks = new Map<Category, Playbook>();
  for (const name of readdirSync(path).filter((file) => file.endsWith('.json')).sort()) {
    const file = join(path, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
    }
    const parsed = playbookSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: ${issue ? `${issuePath(issue.path)}: ${issue.message}` : 'invalid playbook'}`);
    }
    const playbook = parsed.data;
    if (name !== `${playbook.category}.json`) throw new Error(`${file}: category: "${playbook.category}" does not match the file name (expected ${playbook.category}.json)`);
    playbooks.set(playbook.category, playbook);
  }
  const missing = categories.filter((category) => !playbooks.has(category));
  if (missing.length > 0) throw new Error(`${path}: no playbook for ${missing.join(', ')}`);
  cache.set(path, playbooks);
  return playbooks;
}

/** Forget loaded playbooks (tests, or after the files change). */
export function clearPlaybookCache(): void {
  cache.clear();
}

/** The shipped playbook of a category; undefined for a string that is not a category. */
export function getPlaybook(category: string): Playbook | undefined {
  return loadPlaybooks().get(category as Category);
}

/**
 * Fills `{name}` placeholders from `values`. A placeholder with no value (absent, undefined or an
 * empty string) is left as it is, `{order_id}`, so the agent sees exactly what still has to be
 * filled in before sending; text outside placeholders is never changed.
 */
export function renderTemplate(text: string, values: Record<string, string | number | undefined>): string {
  return text.replace(placeholderPattern, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value === undefined || value === '' ? whole : String(value);
  });
}

/**
 * The required information not yet present: an entry counts as present when `present` holds its
 * key or the case field it refers to (`ref`, e.g. `transaction_id` or `amount`).
 */
export function missingInfo(playbook: Playbook, present: Set<string>): RequiredInfo[] {
  return playbook.required_info.filter((info) => !present.has(info.key) && !(info.ref !== null && present.has(info.ref)));
}
