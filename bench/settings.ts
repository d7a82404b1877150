import { z } from 'zod';
import type { DialectName } from '../src/db/dialect.js';

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL');

/** Every variable `npm run bench` reads, with its default. */
const envSchema = z.object({
  /** Cases seeded before measuring. Default 100000. */
  BENCH_CASES: z.coerce.number().int().min(1000).default(100_000),
  /** Seconds of each measured throughput run. Default 10. */
  BENCH_DURATION: z.coerce.number().int().min(1).default(10),
  /** Seconds of load before each measured throughput run, not counted. Default 2; 0 skips it. */
  BENCH_WARMUP: z.coerce.number().int().min(0).default(2),
  /** Concurrent HTTP connections of a throughput run. Default 10. */
  BENCH_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(10),
  /** Sequential requests per list query (after a tenth as many for warm-up). Default 500. */
  BENCH_LIST_REQUESTS: z.coerce.number().int().min(20).default(500),
  /** Comma list of dialects to run. Default sqlite,postgres. */
  BENCH_DIALECTS: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()).filter((part) => part.length > 0))
    .pipe(z.array(z.enum(['sqlite', 'postgres'])).min(1))
    .default(['sqlite', 'postgres']),
  /** SLA bench: open cases seeded, each with a running clock and one pending timer. Default 1000000. */
  BENCH_SLA_CASES: z.coerce.number().int().min(1000).default(1_000_000),
  /** SLA bench: timers that come due during a measured run (the rest are weeks away). Default 20000. */
  BENCH_SLA_DUE: z.coerce.number().int().min(100).default(20_000),
  /** SLA bench: seconds over which those timers come due, evenly spread. Default 25. */
  BENCH_SLA_SPREAD: z.coerce.number().int().min(1).max(600).default(25),
  /** SLA bench: seconds between starting the worker and the first due timer (ticks on an idle table). Default 5. */
  BENCH_SLA_LEAD: z.coerce.number().int().min(1).max(60).default(5),
  /** SLA bench: repetitions of each baseline query (after a tenth as many for warm-up). Default 2000. */
  BENCH_SLA_BASELINE_QUERIES: z.coerce.number().int().min(100).default(2000),
  /** WeChat Pay bench: signed callbacks in the measured run (each a new complaint). Default 3000. */
  BENCH_WECHATPAY_EVENTS: z.coerce.number().int().min(100).max(100_000).default(3000),
  /** WeChat Pay bench: concurrent keep-alive connections of the load generator. Default 16. */
  BENCH_WECHATPAY_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(16),
  /** WeChat Pay bench: callbacks sent before the measured run, not counted. Default 300; 0 skips it. */
  BENCH_WECHATPAY_WARMUP: z.coerce.number().int().min(0).max(10_000).default(300),
  /** PostgreSQL for the bench; when set (or PAYDESK_TEST_DATABASE_URL is) it must be reachable. */
  PAYDESK_BENCH_DATABASE_URL: postgresUrl.optional(),
  PAYDESK_TEST_DATABASE_URL: postgresUrl.optional(),
});

/** Tried when no URL is given; the PostgreSQL part is skipped if it does not answer. */
export const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/test';

export type SlaSettings = {
  cases: number;
  dueTimers: number;
  spreadSeconds: number;
  leadSeconds: number;
  baselineQueries: number;
};

export type WechatPaySettings = {
  /** Callbacks in the measured run; the baseline gets as many unsigned POSTs. */
  events: number;
  connections: number;
  /** Callbacks (and baseline POSTs) before the measured run, not counted. */
  warmup: number;
};

export type BenchSettings = {
  cases: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  listRequests: number;
  dialects: DialectName[];
  /** An explicit URL (required to work) or null to try the default one. */
  postgresUrl: string | null;
  sla: SlaSettings;
  wechatpay: WechatPaySettings;
};

export function loadSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid bench settings:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  // The PostgreSQL run arms two windows of due timers on distinct cases.
  if (values.BENCH_SLA_DUE * 2 > values.BENCH_SLA_CASES) {
    throw new Error(`invalid bench settings:\n  BENCH_SLA_DUE: at most half of BENCH_SLA_CASES (${values.BENCH_SLA_CASES})`);
  }
  return {
    cases: values.BENCH_CASES,
    durationSeconds: values.BENCH_DURATION,
    warmupSeconds: values.BENCH_WARMUP,
    connections: values.BENCH_CONNECTIONS,
    listRequests: values.BENCH_LIST_REQUESTS,
    dialects: [...new Set(values.BENCH_DIALECTS)],
    postgresUrl: values.PAYDESK_BENCH_DATABASE_URL ?? values.PAYDESK_TEST_DATABASE_URL ?? null,
    sla: {
      cases: values.BENCH_SLA_CASES,
      dueTimers: values.BENCH_SLA_DUE,
      spreadSeconds: values.BENCH_SLA_SPREAD,
      leadSeconds: values.BENCH_SLA_LEAD,
      baselineQueries: values.BENCH_SLA_BASELINE_QUERIES,
    },
    wechatpay: {
      events: values.BENCH_WECHATPAY_EVENTS,
      connections: values.BENCH_WECHATPAY_CONNECTIONS,
      warmup: values.BENCH_WECHATPAY_WARMUP,
    },
  };
}
