import type { Executor } from '../db/database.js';
import type { CalendarRow } from '../db/schema.js';

export async function insertCalendar(db: Executor, row: CalendarRow): Promise<void> {
  await db.insertInto('calendars').values(row).execute();
}

export async function findCalendar(db: Executor, tenantId: string, id: string): Promise<CalendarRow | undefined> {
  return db.selectFrom('calendars').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function listCalendars(db: Executor, tenantId: string): Promise<CalendarRow[]> {
  return db.selectFrom('calendars').selectAll().where('tenant_id', '=', tenantId).orderBy('name').orderBy('id').limit(500).execute();
}

export async function updateCalendar(db: Executor, tenantId: string, id: string, set: Pick<CalendarRow, 'name' | 'timezone' | 'spec' | 'updated_at'>): Promise<void> {
  await db.updateTable('calendars').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteCalendar(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('calendars').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}


export async function policiesUsingCalendar(db: Executor, tenantId: string, calendarId: string): Promise<string[]> {
  const rows = await db.selectFrom('sla_policies').select('name').where('tenant_id', '=', tenantId).where('calendar_id', '=', calendarId).execute();
  return rows.map((row) => row.name);
}
