import { randomUUID } from 'node:crypto';
import { appendEvent, type Actor } from '../audit/audit.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { teamOpenCases } from '../cases/cases.service.js';
import { teamFollowUps } from '../cases/follow-ups.service.js';
import { enqueueNotification } from '../notify/outbox.service.js';
import type { SlaClock } from '../notify/templates/index.js';
import { teamDeadlines } from '../sla/clocks.service.js';
import { deletePendingTeamTimers, insertTimer } from '../sla/timers.repository.js';
import { isValidTimezone } from '../config.js';
import { findTeam, requireTeam, tenantTimezone, updateTeam } from '../tenants/tenants.service.js';
import { currentShift, nextShift, type ShiftWindow } from './shifts.js';
import type { ScheduleBody, Shift } from './teams.schema.js';

type Schedule = { timezone: string; shifts: Shift[] };

async function readSchedule(db: Executor, tenantId: string, team: string): Promise<Schedule | null> {
  const row = await findTeam(db, tenantId, team);
  return row?.schedule ? (JSON.parse(row.schedule) as Schedule) : null;
}

export async function getSchedule(db: Executor, tenantId: string, team: string) {
  await requireTeam(db, tenantId, team, 'params.code');
  const schedule = await readSchedule(db, tenantId, team);
  return { team, timezone: schedule?.timezone ?? (await tenantTimezone(db, tenantId)), shifts: schedule?.shifts ?? [] };
}

/** Saves the on-duty schedule and plans the next shift-change notification as a durable timer. */
export async function setSchedule(db: Executor, tenantId: string, team: string, body: ScheduleBody, actor: Actor, now: Date) {
  if (body.timezone && !isValidTimezone(body.timezone)) {
    throw new AppError('validation_failed', { key: 'detail.schedule_invalid' }, [{ field: 'body.timezone', message: `unknown time zone "${body.timezone}"` }]);
  }
  return inTransaction(db, async (trx) => {
    await requireTeam(trx, tenantId, team, 'params.code');
    const schedule: Schedule = { timezone: body.timezone ?? (await tenantTimezone(trx, tenantId)), shifts: body.shifts };
    await updateTeam(trx, tenantId, team, { schedule: JSON.stringify(schedule) });
    await appendEvent(trx, { tenantId, actor, type: 'team.schedule_set', payload: { team, schedule }, at: now.toISOString() });
    await planHandover(trx, tenantId, team, schedule, now);
    return { team, ...schedule };
  });
}

async function planHandover(trx: Executor, tenantId: string, team: string, schedule: Schedule, after: Date) {
  await deletePendingTeamTimers(trx, tenantId, team, 'handover');
  const next = nextShift(schedule.shifts, schedule.timezone, after);
  if (!next) return;
  await insertTimer(trx, { id: randomUUID(), tenant_id: tenantId, case_id: null, team, clock_name: null, cycle: null, kind: 'handover', label: next.name, fire_at: next.start.toISOString(), state: 'pending', fired_at: null, error: null });
}

const toWindow = (window: ShiftWindow | null) => (window ? { name: window.name, start: window.start.toISOString(), end: window.end.toISOString(), members: window.members } : null);

/** What one shift hands to the next: open cases, deadlines and promised follow-ups up to the end of the next shift. */
export async function handoverSummary(db: Executor, tenantId: string, team: string, at: Date) {
  await requireTeam(db, tenantId, team, 'query.team');
  const schedule = await readSchedule(db, tenantId, team);
  const timezone = schedule?.timezone ?? (await tenantTimezone(db, tenantId));
  const current = schedule ? currentShift(schedule.shifts, timezone, at) : null;
  const next = schedule ? nextShift(schedule.shifts, timezone, at) : null;
  // Without a schedule, look one day ahead.
  const horizon = (next?.end ?? new Date(at.getTime() + 24 * 3600_000)).toISOString();
  const open = await teamOpenCases(db, tenantId, team, 100);
  const deadlines = await teamDeadlines(db, tenantId, team, horizon, 200);
  const followUps = await teamFollowUps(db, tenantId, team, horizon, 200);
  return {
    team,
    at: at.toISOString(),
    timezone,
    current_shift: toWindow(current),
    next_shift: toWindow(next),
    open_cases: open,
    deadlines: deadlines.map((row) => ({ ...row, overdue: Date.parse(row.due_at) < at.getTime() })),
    follow_ups: followUps,
  };
}

/** Timer action at a shift change: send the summary to the team's channels, plan the next change. */
export async function runHandover(trx: Executor, tenantId: string, team: string, now: Date, teamUrl: string): Promise<void> {
  const schedule = await readSchedule(trx, tenantId, team);
  if (!schedule) return;
  const summary = await handoverSummary(trx, tenantId, team, new Date(now.getTime() + 1000));
  const shift = summary.current_shift ?? summary.next_shift;
  const items = [
    ...summary.deadlines.map((row) => ({ number: row.number, subject: row.subject, clock: row.clock as SlaClock, due_at: row.due_at })),
    ...summary.follow_ups.map((row) => ({ number: row.number, subject: row.note, clock: 'follow_up' as const, due_at: row.due_at })),
  ].sort((a, b) => a.due_at.localeCompare(b.due_at)).slice(0, 10);
  await enqueueNotification(
    trx,
    tenantId,
    {
      event: 'handover',
      data: {
        team,
        shift_name: shift?.name ?? '',
        shift_start: shift?.start ?? now.toISOString(),
        shift_end: shift?.end ?? now.toISOString(),
        timezone: summary.timezone,
        open_cases: summary.open_cases.count,
        deadlines_due: summary.deadlines.length,
        follow_ups_due: summary.follow_ups.length,
        items,
        link: teamUrl,
      },
    },
    { team, caseId: null },
    now,
  );
  await planHandover(trx, tenantId, team, schedule, now);
}
