import type { FormInstance } from 'antd';
import { ProblemError } from '../../../api/client';

/** A date and time in the console's language, or a dash. */
export function formatInstant(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

type NamePath = (string | number)[];

const toPath = (field: string): NamePath =>
  field
    .replace(/^body\.?/, '')
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

const samePrefix = (prefix: NamePath, path: NamePath) => prefix.length <= path.length && prefix.every((part, index) => String(part) === String(path[index]));

/**
 * Puts the server's field errors (`body.<field>`) on the form's fields: on the field itself or the
 * nearest enclosing one the form has. Returns the messages that fit no field, to show above the form.
 */
export function applyServerErrors(form: FormInstance, error: unknown): string[] {
  if (!(error instanceof ProblemError)) return [error instanceof Error ? error.message : String(error)];
  const registered = form.getFieldsError().map((entry) => entry.name as NamePath);
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const leftOver: string[] = [];
  for (const fieldError of error.errors) {
    const path = toPath(fieldError.field);
    const target = registered.filter((name) => name.length > 0 && samePrefix(name, path)).sort((a, b) => b.length - a.length)[0];
    if (!target) {
      leftOver.push(fieldError.field ? `${fieldError.field.replace(/^body\./, '')}: ${fieldError.message}` : fieldError.message);
      continue;
    }
    const key = JSON.stringify(target);
    const entry = byField.get(key) ?? { name: target, errors: [] };
    entry.errors.push(fieldError.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  if (byField.size === 0 && leftOver.length === 0) leftOver.push(error.detail ?? error.title);
  return leftOver;
}

/** The server's words for a failed request: its localized title and detail. */
export function problemText(error: unknown): string {
  if (error instanceof ProblemError) return error.detail ? `${error.title}: ${error.detail}` : error.title;
  return error instanceof Error ? error.message : String(error);
}
