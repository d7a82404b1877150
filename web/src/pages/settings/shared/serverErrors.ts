// The server's RFC 9457 problems as the settings forms show them: field errors on the fields they
// name, the rest in an alert above the form or in a toast.
import type { FormInstance } from 'antd';
import { ProblemError, type FieldError } from '../../../api/client';

export type FieldPath = (string | number)[];

/** `body.targets.0.hours` → ['targets', 0, 'hours'] (the API names fields by their request path). */
export function fieldPath(field: string): FieldPath {
  return field
    .replace(/^(body|query|params)\.?/, '')
    .split('.')
    .filter((part) => part.length > 0)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const samePath = (a: FieldPath, b: FieldPath) => a.length === b.length && a.every((part, index) => String(part) === String(b[index]));

/** The field of `fields` an error at `path` belongs on: that field itself, or the nearest one above it. */
function nearestField(path: FieldPath, fields: FieldPath[]): FieldPath | undefined {
  for (let length = path.length; length > 0; length -= 1) {
    const prefix = path.slice(0, length);
    const found = fields.find((candidate) => samePath(candidate, prefix));
    if (found) return found;
  }
  return undefined;
}

/** Puts each of a problem's field errors on its field (`reminders.percents.0` lands on `reminders.percents`); returns those no field took. */
function placeFieldErrors(form: FormInstance, error: ProblemError, fields: FieldPath[]): FieldError[] {
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  const rest: FieldError[] = [];
  for (const item of error.errors) {
    const name = nearestField(fieldPath(item.field), fields);
    if (!name) {
      rest.push(item);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(item.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return rest;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
const fieldErrorText = (item: FieldError) => (item.field ? `${item.field.replace(/^(body|query)\./, '')}: ${item.message}` : item.message);

/** The server's words for a failed request: its localized title and detail. */
export function problemTitle(error: unknown): string {
  if (error instanceof ProblemError) return error.detail ? `${error.title}: ${error.detail}` : error.title;
  return errorMessage(error);
}

/** The title and every field error of anything thrown by `api()`, for a toast or an alert. */
export function problemText(error: unknown): string {
  if (error instanceof ProblemError) return [problemTitle(error), ...error.errors.map(fieldErrorText)].join(' · ');
  return errorMessage(error);
}

/**
 * Field errors onto `fields` (the fields a form has, named in full); returns the messages for an
 * alert above the form: the problem's title first, then every field error no field took.
 */
export function showFieldErrors(form: FormInstance, error: unknown, fields: FieldPath[]): string[] {
  if (!(error instanceof ProblemError)) return [errorMessage(error)];
  const rest = placeFieldErrors(form, error, fields).map(fieldErrorText);
  if (error.errors.length === 0 || rest.length > 0) rest.unshift(problemTitle(error));
  return rest;
}

/**
 * Field errors onto whichever fields the form has registered right now; returns the field errors no
 * field took, or the problem's own words when it named no field at all.
 */
export function applyServerErrors(form: FormInstance, error: unknown): string[] {
  if (!(error instanceof ProblemError)) return [errorMessage(error)];
  if (error.errors.length === 0) return [error.detail ?? error.title];
  const registered = form
    .getFieldsError()
    .map((entry) => entry.name)
    .filter((name) => name.length > 0);
  return placeFieldErrors(form, error, registered).map(fieldErrorText);
}

/** A conflict names no field but belongs on one (an address already taken): puts it there and says whether it did. */
export function showConflictOn(form: FormInstance, error: unknown, name: string): boolean {
  if (!(error instanceof ProblemError) || error.code !== 'conflict') return false;
  form.setFields([{ name, errors: [error.detail ?? error.title] }]);
  return true;
}
