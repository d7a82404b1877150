import { z } from 'zod';

/** Longest range the dashboard covers, in days (a leap year). */
export const MAX_RANGE_DAYS = 366;
/** Range when the caller gives no dates: the last 30 days ending today. */
export const DEFAULT_RANGE_DAYS = 30;

// The day after the last allowed date still has to be an instant in the year 9999.
const localDate = z.iso.date().refine((value) => value >= '1970-01-01' && value <= '9999-12-30', 'between 1970-01-01 and 9999-12-30');

export const dashboardQuery = z.strictObject({
  /** First day (tenant time zone, inclusive). Default: 29 days before `to`. */
  from: localDate.optional().describe('First day (tenant time zone, inclusive). Default: 29 days before `to`.'),
  /** Last day (tenant time zone, inclusive). Default: today. */
  to: localDate.optional().describe('Last day (tenant time zone, inclusive). Default: today.'),
  /** Only cases of this team (code, e.g. L1). */
  team: z.string().min(1).max(32).optional().describe('Only cases of this team (code, e.g. L1).'),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const count = z.number().int().min(0);
const minutes = z.number().nullable();
const rate = z.number().min(0).max(1).nullable();

const dailyDuration = z.object({
  /** Day (tenant time zone). */
  date: z.string().describe('Day (tenant time zone).'),
  /** Cases counted that day. */
  count: count.describe('Cases counted that day.'),
  /** Median in minutes; null without cases. */
  median_minutes: minutes.describe('Median in minutes; null without cases.'),
});

const durationStats = (what: string) =>
  z
    .object({
      /** Cases measured. */
      count: count.describe('Cases measured.'),
      /** Median in minutes (0.1 min); null when count is 0. */
      median_minutes: minutes.describe('Median in minutes (0.1 min); null when count is 0.'),
      /** 90th percentile in minutes (linear interpolation); null when count is 0. */
      p90_minutes: minutes.describe('90th percentile in minutes (linear interpolation); null when count is 0.'),
      /** Every day of the range, empty days included. */
      by_day: z.array(dailyDuration).describe('Every day of the range, empty days included.'),
    })
    .describe(what);

export const dashboardResponse = z.object({
  /** The range the figures cover. */
  range: z
    .object({
      /** First day, inclusive. */
      from: z.string().describe('First day, inclusive.'),
      /** Last day, inclusive. */
      to: z.string().describe('Last day, inclusive.'),
      /** The tenant time zone the days and hours are in. */
      timezone: z.string().describe('The tenant time zone the days and hours are in.'),
    })
    .describe('The range the figures cover.'),
  /** Cases not resolved or closed right now, by category and status (not limited to the range). */
  open_by_category_status: z
    .array(z.object({ category: z.string(), status: z.string(), count }))
    .describe('Cases not resolved or closed right now, by category and status (not limited to the range).'),
  /** Cases created in the range by local weekday and hour; only cells with cases. */
  heatmap: z
    .array(
      z.object({
        /** 1 = Monday … 7 = Sunday. */
        weekday: z.number().int().min(1).max(7).describe('1 = Monday … 7 = Sunday.'),
        /** Hour of the day, 0–23. */
        hour: z.number().int().min(0).max(23).describe('Hour of the day, 0–23.'),
        count,
      }),
    )
    .describe('Cases created in the range by local weekday and hour; only cells with cases.'),
  /** Time to the first human reply of cases created in the range that have one; by_day by creation day. */
  first_response: durationStats('Time to the first human reply of cases created in the range that have one; by_day by creation day.'),
  /** Creation to resolution of cases resolved in the range; by_day by resolution day. */
  resolution: durationStats('Creation to resolution of cases resolved in the range; by_day by resolution day.'),
  /** SLA clocks of cases created in the range: stopped in time (met), or stopped late or running past due (breached). Clocks still running in time are left out. */
  sla: z
    .object({
      met: count,
      breached: count,
      /** met / (met + breached); null without judged clocks. */
      achievement: rate.describe('met / (met + breached); null without judged clocks.'),
      /** The same per clock name. */
      by_clock: z.array(z.object({ name: z.string(), met: count, breached: count })).describe('The same per clock name.'),
    })
    .describe('SLA clocks of cases created in the range: stopped in time (met), or stopped late or running past due (breached). Clocks still running in time are left out.'),
  /** WeChat Pay complaint metrics as of `to` (all teams); empty when WeChat Pay is not set up. */
  wechatpay: z
    .array(
      z.object({
        /** Merchant id (商户号). */
        merchant_id: z.string().describe('Merchant id (商户号).'),
        /** Complaints of the metric window completed within 72 h. */
        timely_handling_rate: rate.describe('Complaints of the metric window completed within 72 h.'),
        /** Alert below this rate. */
        timely_threshold: z.number().describe('Alert below this rate.'),
        /** Complaints the user raised more than once. */
        repeat_complaint_rate: rate.describe('Complaints the user raised more than once.'),
        /** Alert above this rate. */
        repeat_threshold: z.number().describe('Alert above this rate.'),
        /** Complaints created in the metric window (T-33 … T-4). */
        complaints: count.describe('Complaints created in the metric window (T-33 … T-4).'),
      }),
    )
    .describe('WeChat Pay complaint metrics as of `to` (all teams); empty when WeChat Pay is not set up.'),
  /** Running, unpaused SLA clocks of open cases due within 24 h, per team, in exclusive buckets relative to now. */
  upcoming_breaches: z
    .array(
      z.object({
        /** Team code; null for cases without a team. */
        team: z.string().nullable().describe('Team code; null for cases without a team.'),
        /** Already past due. */
        overdue: count.describe('Already past due.'),
        /** Due from now to 1 h from now. */
        within_1h: count.describe('Due from now to 1 h from now.'),
        /** Due 1–4 h from now. */
        within_4h: count.describe('Due 1–4 h from now.'),
        /** Due 4–24 h from now. */
        within_24h: count.describe('Due 4–24 h from now.'),
      }),
    )
    .describe('Running, unpaused SLA clocks of open cases due within 24 h, per team, in exclusive buckets relative to now.'),
  /** Open cases per active user (users without cases included), most loaded first; with `team`: its members and anyone holding its open cases. */
  agent_load: z
    .array(
      z.object({
        user_id: z.string(),
        name: z.string(),
        /** Open cases assigned to the user. */
        open: count.describe('Open cases assigned to the user.'),
        /** Of those, cases due within the next 24 h (overdue ones included). */
        due_24h: count.describe('Of those, cases due within the next 24 h (overdue ones included).'),
      }),
    )
    .describe('Open cases per active user (users without cases included), most loaded first; with `team`: its members and anyone holding its open cases.'),
});
export type DashboardResponse = z.infer<typeof dashboardResponse>;
