import { randomUUID } from 'node:crypto';
import { appendEvent, type Actor } from '../audit/audit.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { CalendarRow } from '../db/schema.js';
import { AppError, notFound, type FieldError } from '../http/errors.js';
import { findTeam, requireTeam, teamsWithCalendar, updateTeam } from '../tenants/tenants.service.js';
import { addBusinessSeconds, calendarFromRegion, validateCalendar, type CalendarSpec, type Interval, type Weekday } from './calendar/calendar.js';
import { holidaySet, type HolidayRegion } from './calendar/holidays.js';
import type { CalendarBody, CalendarResponse } from './calendars.schema.js';
import * as repo from './calendars.repository.js';
import { planResync } from './resync.js';

/** What is stored in calendars.spec: the admin's document, before shipped holidays are merged in. */
type CalendarDocument = Omit<CalendarBody, 'name' | 'timezone' | 'hours'> & { hours: Partial<Record<Weekday, Interval[]>> };

const officeHours: Interval[] = [{ start: '09:00', end: '18:00' }];
const defaultHours: Partial<Record<Weekday, Interval[]>> = { mon: officeHours, tue: officeHours, wed: officeHours, thu: officeHours, fri: officeHours };

function toDocument(body: CalendarBody): CalendarDocument {
  const { name: _name, timezone: _timezone, hours, ...rest } = body;
  return { ...rest, hours: hours ?? defaultHours };
}

/** Merges shipped holiday sets with the admin's own dates; the admin's dates win. */
function toSpec(timezone: string, doc: CalendarDocument): CalendarSpec {
  const own = new Set([...doc.holidays, ...doc.workdays, ...doc.exceptions].map((entry) => entry.date));
  const holidays = new Set(doc.holidays.map((entry) => entry.date));
  const workdays = new Set(doc.workdays.map((entry) => entry.date));
  for (const region of doc.holiday_regions) {
    const set = holidaySet(region);
    for (const day of set.holidays) if (!own.has(day.date)) holidays.add(day.date);
    for (const day of set.workdays) if (!own.has(day.date)) workdays.add(day.date);
  }
  return {
    timezone,
    hours: doc.hours,
    holidays: [...holidays].sort(),
    workdays: [...workdays].sort(),
    ...(doc.workday_hours ? { workdayHours: doc.workday_hours } : {}),
    exceptions: doc.exceptions.map((entry) => ({ date: entry.date, intervals: entry.intervals })),
  };
}

/** The engine names fields like `hours.mon[1].end` and `workdayHours`; the API uses `hours.mon.1.end` and `workday_hours`. */
function apiField(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1').replace(/^workdayHours/, 'workday_hours');
}

function check(timezone: string, doc: CalendarDocument): void {
  const errors: FieldError[] = validateCalendar(toSpec(timezone, { ...doc, holiday_regions: [] })).map((error) => ({ field: `body.${apiField(error.field)}`, message: error.message }));
  if (errors.length > 0) throw new AppError('validation_failed', { key: 'detail.calendar_invalid' }, errors);
}

const specCache = new Map<string, CalendarSpec>();

/** The working-time spec of a stored calendar, cached per version (the engine caches per date inside). */
export function specOf(row: CalendarRow): CalendarSpec {
  const key = `${row.id}@${row.updated_at}`;
  let spec = specCache.get(key);
  if (!spec) {
    if (specCache.size > 200) specCache.clear();
    spec = toSpec(row.timezone, JSON.parse(row.spec) as CalendarDocument);
    specCache.set(key, spec);
  }
  return spec;
}

const zoneRegions: Record<string, HolidayRegion> = {
  'Asia/Shanghai': 'CN', 'Asia/Chongqing': 'CN', 'Asia/Urumqi': 'CN', 'Asia/Hong_Kong': 'HK', 'Asia/Singapore': 'SG',
  'Europe/London': 'GB', 'America/New_York': 'US', 'America/Chicago': 'US', 'America/Denver': 'US', 'America/Los_Angeles': 'US',
};
const tenantDefaults = new Map<string, CalendarSpec>();

/** Without a team or policy calendar: office hours and public holidays of the tenant's own zone. */
export function defaultSpecFor(timezone: string): CalendarSpec {
  let spec = tenantDefaults.get(timezone);
  if (!spec) {
    const region = zoneRegions[timezone];
    spec = region ? calendarFromRegion(region, timezone) : toSpec(timezone, { hours: defaultHours, holiday_regions: [], holidays: [], workdays: [], exceptions: [] });
    tenantDefaults.set(timezone, spec);
  }
  return spec;
}

async function present(db: Executor, row: CalendarRow): Promise<CalendarResponse> {
  const doc = JSON.parse(row.spec) as CalendarDocument;
  const years = new Set<number>();
  const provisional = new Set<number>();
  for (const region of doc.holiday_regions) {
    const set = holidaySet(region);
    for (const year of set.years) years.add(year);
    for (const year of set.provisionalYears) provisional.add(year);
  }
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    ...doc,
    covered_years: [...years].sort(),
    provisional_years: [...provisional].sort(),
    teams: await teamsWithCalendar(db, row.tenant_id, row.id),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function requireCalendar(db: Executor, tenantId: string, id: string): Promise<CalendarRow> {
  const row = await repo.findCalendar(db, tenantId, id);
  if (!row) throw notFound('detail.calendar_not_found', id);
  return row;
}

/** A calendar id given in a request body must exist in the tenant. */
export async function checkCalendarId(db: Executor, tenantId: string, id: string | null | undefined, field: string): Promise<void> {
  if (id && !(await repo.findCalendar(db, tenantId, id))) {
    throw new AppError('validation_failed', { key: 'detail.calendar_not_found', params: { id } }, [{ field, message: `no calendar ${id} in this tenant` }]);
  }
}

export async function createCalendar(db: Executor, tenantId: string, body: CalendarBody, actor: Actor, now: Date): Promise<CalendarResponse> {
  const doc = toDocument(body);
  check(body.timezone, doc);
  return inTransaction(db, async (trx) => {
    const at = now.toISOString();
    const row: CalendarRow = { id: randomUUID(), tenant_id: tenantId, name: body.name, timezone: body.timezone, spec: JSON.stringify(doc), created_at: at, updated_at: at };
    await repo.insertCalendar(trx, row);
    await appendEvent(trx, { tenantId, actor, type: 'calendar.created', payload: { id: row.id, name: row.name }, at });
    return present(trx, row);
  });
}

export async function getCalendar(db: Executor, tenantId: string, id: string): Promise<CalendarResponse> {
  return present(db, await requireCalendar(db, tenantId, id));
}

export async function listCalendars(db: Executor, tenantId: string): Promise<CalendarResponse[]> {
  const rows = await repo.listCalendars(db, tenantId);
  return Promise.all(rows.map((row) => present(db, row)));
}

/** A change that moves deadlines: the response plus the re-sync job planned in its transaction. */
export type WithResync<T> = { result: T; tenantId: string; job: string };

async function saveDocument(trx: Executor, row: CalendarRow, name: string, timezone: string, doc: CalendarDocument, actor: Actor, now: Date, type: string, payload: Record<string, unknown>): Promise<WithResync<CalendarResponse>> {
  check(timezone, doc);
  // A new updated_at gives cached specs a new key, so every node sees the change.
  const at = new Date(Math.max(now.getTime(), Date.parse(row.updated_at) + 1)).toISOString();
  await repo.updateCalendar(trx, row.tenant_id, row.id, { name, timezone, spec: JSON.stringify(doc), updated_at: at });
  await appendEvent(trx, { tenantId: row.tenant_id, actor, type, payload: { id: row.id, ...payload }, at: now.toISOString() });
  // Deadlines on this calendar move: re-match open cases (cheap for cases on other calendars).
  return { result: await present(trx, await requireCalendar(trx, row.tenant_id, row.id)), tenantId: row.tenant_id, job: await planResync(trx, row.tenant_id, now) };
}

export async function replaceCalendar(db: Executor, tenantId: string, id: string, body: CalendarBody, actor: Actor, now: Date): Promise<WithResync<CalendarResponse>> {
  return inTransaction(db, async (trx) => {
    const row = await requireCalendar(trx, tenantId, id);
    return saveDocument(trx, row, body.name, body.timezone, toDocument(body), actor, now, 'calendar.updated', { name: body.name });
  });
}

export async function deleteCalendar(db: Executor, tenantId: string, id: string, actor: Actor, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await requireCalendar(trx, tenantId, id);
    const teams = await teamsWithCalendar(trx, tenantId, id);
    const policies = await repo.policiesUsingCalendar(trx, tenantId, id);
    if (teams.length > 0 || policies.length > 0) {
      throw new AppError('conflict', { key: 'detail.calendar_in_use', params: { users: [...teams.map((team) => `team ${team}`), ...policies.map((name) => `policy "${name}"`)].join(', ') } });
    }
    await repo.deleteCalendar(trx, tenantId, id);
    await appendEvent(trx, { tenantId, actor, type: 'calendar.deleted', payload: { id, name: row.name }, at: now.toISOString() });
  });
}

export type DateChange = { date: string; type: 'holiday' | 'workday' | 'hours'; intervals?: Interval[] | undefined; name?: string | undefined };

/** Adds or replaces one date (a holiday, a make-up working day or special hours); other entries for it go. */
export async function setCalendarDate(db: Executor, tenantId: string, id: string, change: DateChange, actor: Actor, now: Date): Promise<WithResync<CalendarResponse>> {
  if (change.type === 'hours' && !change.intervals) {
    throw new AppError('validation_failed', undefined, [{ field: 'body.intervals', message: 'required when type is "hours" (an empty list closes the day)' }]);
  }
  return inTransaction(db, async (trx) => {
    const row = await requireCalendar(trx, tenantId, id);
    const doc = withoutDate(JSON.parse(row.spec) as CalendarDocument, change.date);
    const named = { date: change.date, ...(change.name ? { name: change.name } : {}) };
    if (change.type === 'holiday') doc.holidays.push(named);
    else if (change.type === 'workday') doc.workdays.push(named);
    else doc.exceptions.push({ ...named, intervals: change.intervals ?? [] });
    for (const list of [doc.holidays, doc.workdays, doc.exceptions]) list.sort((a, b) => a.date.localeCompare(b.date));
    return saveDocument(trx, row, row.name, row.timezone, doc, actor, now, 'calendar.date_set', { ...change });
  });
}

export async function removeCalendarDate(db: Executor, tenantId: string, id: string, date: string, actor: Actor, now: Date): Promise<WithResync<CalendarResponse>> {
  return inTransaction(db, async (trx) => {
    const row = await requireCalendar(trx, tenantId, id);
    return saveDocument(trx, row, row.name, row.timezone, withoutDate(JSON.parse(row.spec) as CalendarDocument, date), actor, now, 'calendar.date_removed', { date });
  });
}

function withoutDate(doc: CalendarDocument, date: string): CalendarDocument {
  return {
    ...doc,
    holidays: doc.holidays.filter((entry) => entry.date !== date),
    workdays: doc.workdays.filter((entry) => entry.date !== date),
    exceptions: doc.exceptions.filter((entry) => entry.date !== date),
  };
}

/** Preview: when `hours` of working time after `start` end on this calendar. */
export async function previewDeadline(db: Executor, tenantId: string, id: string, start: string, hours: number) {
  const spec = specOf(await requireCalendar(db, tenantId, id));
  try {
    const due = addBusinessSeconds(spec, new Date(start), Math.round(hours * 3600));
    return { start: new Date(start).toISOString(), hours, due_at: due.toISOString() };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    throw new AppError('validation_failed', { key: 'detail.deadline_out_of_reach' }, [{ field: 'query.hours', message: 'more working time than this calendar has in ten years' }]);
  }
}

export async function setTeamCalendar(db: Executor, tenantId: string, team: string, calendarId: string | null, actor: Actor, now: Date) {
  return inTransaction(db, async (trx) => {
    await requireTeam(trx, tenantId, team, 'params.code');
    await checkCalendarId(trx, tenantId, calendarId, 'body.calendar_id');
    await updateTeam(trx, tenantId, team, { calendar_id: calendarId });
    await appendEvent(trx, { tenantId, actor, type: 'team.calendar_set', payload: { team, calendar_id: calendarId }, at: now.toISOString() });
    return { result: { team, calendar_id: calendarId }, tenantId, job: await planResync(trx, tenantId, now) };
  });
}

/** The calendar a business-hours clock of a case runs on: its team's, else the policy's, else the tenant default. */
export async function resolveCaseCalendar(db: Executor, tenantId: string, tenantTimezone: string, team: string | null, policyCalendarId: string | null): Promise<{ id: string | null; spec: CalendarSpec }> {
  const teamCalendar = team ? ((await findTeam(db, tenantId, team))?.calendar_id ?? null) : null;
  for (const id of [teamCalendar, policyCalendarId]) {
    if (!id) continue;
    const row = await repo.findCalendar(db, tenantId, id);
    if (row) return { id, spec: specOf(row) };
  }
  return { id: null, spec: defaultSpecFor(tenantTimezone) };
}
