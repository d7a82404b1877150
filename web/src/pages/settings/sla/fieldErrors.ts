import type { FormInstance } from 'antd';
import { ProblemError } from '../../../api/client';

export type FieldPath = (string | number)[];

/** `body.targets.0.hours` → ['targets', 0, 'hours'] (the API names fields by their request path). */
export function fieldPath(field: string): FieldPath {
  return field
    .replace(/^(body|query|params)\.?/, '')
    .split('.')
    .filter((part) => part.length > 0)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const samePath = (a: FieldPath, b: FieldPath) => a.length === b.length && a.every((part, index) => part === b[index]);

/**
 * Puts a problem's field errors on the form fields they name, or on the nearest field above
 * them (`reminders.percents.0` lands on `reminders.percents`). Returns the messages no field took,
 * for an alert above the form.
 */
export function showFieldErrors(form: FormInstance, error: unknown, fields: FieldPath[], map: (path: FieldPath) => FieldPath = (path) => path): string[] {
  if (!(error instanceof ProblemError)) return [error instanceof Error ? error.message : String(error)];
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  const rest: string[] = [];
  for (const item of error.errors) {
    let path = map(fieldPath(item.field));
    while (path.length > 0 && !fields.some((candidate) => samePath(candidate, path))) path = path.slice(0, -1);
    if (path.length === 0) {
      rest.push(`${item.field.replace(/^body\./, '')}: ${item.message}`);
      continue;
    }
    const key = JSON.stringify(path);
    const entry = byField.get(key) ?? { name: path, errors: [] };
    entry.errors.push(item.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  if (error.errors.length === 0 || rest.length > 0) rest.unshift(error.detail ? `${error.title}: ${error.detail}` : error.title);
  return rest;
}

/** The message of anything thrown by `api()`, for a toast or an alert. */
export function problemText(error: unknown): string {
  if (error instanceof ProblemError) {
    const fields = error.errors.map((item) => `${item.field.replace(/^(body|query)\./, '')}: ${item.message}`);
    return [error.detail ? `${error.title}: ${error.detail}` : error.title, ...fields].join(' · ');
  }
  return error instanceof Error ? error.message : String(error);
}
