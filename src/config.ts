import { resolve } from 'node:path';
import { z } from 'zod';

/** Every PAYDESK_* variable the server reads, with its default. */
const envSchema = z.object({
  /** TCP port of the API and console. Default 8080. */
  PAYDESK_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Address to listen on. Default 0.0.0.0. */
  PAYDESK_HOST: z.string().min(1).default('0.0.0.0'),
  /** Folder for the embedded SQLite database and the generated key file. Default ./data. */
  PAYDESK_DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://… switches storage to PostgreSQL; unset means embedded SQLite. */
  PAYDESK_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset for embedded SQLite)')
    .optional(),
  /** PostgreSQL schema for Paydesk's tables (created if missing). Default: the server's search path. */
  PAYDESK_DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _').optional(),
  /** pino log level. Default info. */
  PAYDESK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest JSON request body in bytes. Default 1 MiB. */
  PAYDESK_BODY_LIMIT: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** Largest attachment in bytes. Default 10 MiB. */
  PAYDESK_ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  /** Time zone of the tenant created on first start. Default Asia/Shanghai. */
  PAYDESK_DEFAULT_TIMEZONE: z.string().default('Asia/Shanghai'),
  /** 32-byte key (base64 or hex) that encrypts stored channel secrets. Default: a key file generated in the data folder. */
  PAYDESK_SECRET_KEY: z.string().optional(),
  /** Address people use to reach the desk, for links in notifications. Default http://localhost:<port>. */
  PAYDESK_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** How often due SLA timers are looked for, in ms. Default 250. */
  PAYDESK_TIMER_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /** Open cases re-matched within the request after an SLA policy change; the rest follow in the background. Default 500. */
  PAYDESK_POLICY_INLINE_CASES: z.coerce.number().int().min(1).max(100_000).default(500),
  /** How often each node reads new audit events for live-update streams (GET /api/v1/stream), in ms. Default 1000. */
  PAYDESK_STREAM_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** Public self-service reads (knowledge base, status page) allowed per IP per minute. Default 300. */
  PAYDESK_PUBLIC_READS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /** Public self-service writes (open a case, reply, upload, vote, start a chat) allowed per IP per minute. Default 30. */
  PAYDESK_PUBLIC_WRITES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  /** Messages a chat visitor may send per conversation per minute. Default 20. */
  PAYDESK_CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Proxies in front of the desk whose X-Forwarded-For is believed (client IPs for rate limits): true, a hop count, or comma-separated addresses/CIDRs. Default: none. */
  PAYDESK_TRUST_PROXY: z.string().trim().min(1).optional(),
  /** Days a customer's signed status link stays valid. Default 30. */
  PAYDESK_PORTAL_LINK_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export type Config = {
  http: { port: number; host: string; bodyLimit: number; trustProxy: boolean | number | string[] };
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };
  logLevel: z.infer<typeof envSchema>['PAYDESK_LOG_LEVEL'];
  attachmentMaxBytes: number;
  defaultTimezone: string;
  secretKey: string | undefined;
  publicUrl: string;
  timerIntervalMs: number;
  policyInlineCases: number;
  streamPollMs: number;
  selfService: { readsPerMinute: number; writesPerMinute: number; chatMessagesPerMinute: number; portalLinkDays: number };
};

export class ConfigError extends Error {}

export function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** PAYDESK_TRUST_PROXY: "true"/"false", a number of proxy hops, or a list of addresses/CIDRs. */
function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim()).filter((part) => part !== '');
}

/** Parses the environment once; a bad variable fails with one message naming every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  if (!isValidTimezone(values.PAYDESK_DEFAULT_TIMEZONE)) {
    throw new ConfigError(`invalid configuration:\n  PAYDESK_DEFAULT_TIMEZONE: unknown time zone "${values.PAYDESK_DEFAULT_TIMEZONE}"`);
  }
  const dataDir = resolve(values.PAYDESK_DATA_DIR);
  return {
    http: { port: values.PAYDESK_PORT, host: values.PAYDESK_HOST, bodyLimit: values.PAYDESK_BODY_LIMIT, trustProxy: parseTrustProxy(values.PAYDESK_TRUST_PROXY) },
    dataDir,
    database: values.PAYDESK_DATABASE_URL
      ? { kind: 'postgres', url: values.PAYDESK_DATABASE_URL, ...(values.PAYDESK_DATABASE_SCHEMA ? { schema: values.PAYDESK_DATABASE_SCHEMA } : {}) }
      : { kind: 'sqlite', file: resolve(dataDir, 'paydesk.sqlite') },
    logLevel: values.PAYDESK_LOG_LEVEL,
    attachmentMaxBytes: values.PAYDESK_ATTACHMENT_MAX_BYTES,
    defaultTimezone: values.PAYDESK_DEFAULT_TIMEZONE,
    secretKey: values.PAYDESK_SECRET_KEY,
    publicUrl: (values.PAYDESK_PUBLIC_URL ?? `http://localhost:${values.PAYDESK_PORT}`).replace(/\/+$/, ''),
    timerIntervalMs: values.PAYDESK_TIMER_INTERVAL_MS,
    policyInlineCases: values.PAYDESK_POLICY_INLINE_CASES,
    streamPollMs: values.PAYDESK_STREAM_POLL_MS,
    selfService: {
      readsPerMinute: values.PAYDESK_PUBLIC_READS_PER_MINUTE,
      writesPerMinute: values.PAYDESK_PUBLIC_WRITES_PER_MINUTE,
      chatMessagesPerMinute: values.PAYDESK_CHAT_MESSAGES_PER_MINUTE,
      portalLinkDays: values.PAYDESK_PORTAL_LINK_DAYS,
    },
  };
}
