import { z } from 'zod';

const pem = (max: number) => z.string().trim().min(100).max(max);

/** Thresholds a supervisor is alerted about before WeChat Pay restricts the merchant account. */
export const thresholdsSchema = z.strictObject({
  /** Alert when the timely-handling rate drops below this share. */
  timely_handling_rate_min: z.number().min(0).max(1).default(0.9),
  /** Alert when the repeat-complaint rate rises above this share. */
  repeat_complaint_rate_max: z.number().min(0).max(1).default(0.1),
  /** Alert when complaints per transaction rise above this share. */
  complaint_rate_max: z.number().min(0).max(1).default(0.001),
  /** Warn this far before a threshold is crossed (0.02 = 2 percentage points of headroom). */
  warn_margin: z.number().min(0).max(0.5).default(0.02),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** When a rise in complaints counts as a flood (coordinated complaints). */
export const burstSettingsSchema = z.strictObject({
  /** Complaints per window compared with the tenant's hourly baseline. */
  window_minutes: z.number().int().min(10).max(1440).default(60),
  /** Days of history the baseline averages. */
  baseline_days: z.number().int().min(1).max(90).default(14),
  /** A burst needs this many times the baseline... */
  factor: z.number().min(1).max(100).default(5),
  /** ...and at least this many complaints in the window. */
  min_count: z.number().int().min(2).max(10000).default(10),
});
export type BurstSettings = z.infer<typeof burstSettingsSchema>;

export const integrationSettingsSchema = z.object({
  sync_interval_minutes: z.number().int().min(1).max(1440).default(5),
  thresholds: thresholdsSchema.default(thresholdsSchema.parse({})),
  burst: burstSettingsSchema.default(burstSettingsSchema.parse({})),
});
export type IntegrationSettings = z.infer<typeof integrationSettingsSchema>;

export const platformKeyInput = z.strictObject({
  /** The platform certificate serial or WeChat Pay public-key id (PUB_KEY_ID_…) sent in Wechatpay-Serial. */
  id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_]+$/, 'letters, digits and _ only'),
  /** The platform public key (or certificate public key), PEM. */
  pem: pem(4000),
});

export const integrationBody = z.strictObject({
  /** Merchant id (商户号). */
  mchid: z.string().trim().regex(/^[0-9]{6,32}$/, 'digits only').describe('Merchant id (商户号).'),
  /** APIv3 key (32 characters). Leave out on an update to keep the stored one. */
  apiv3_key: z.string().length(32).optional().describe('APIv3 key (32 characters). Leave out on an update to keep the stored one.'),
  /** Serial number of the merchant API certificate. */
  merchant_serial_no: z.string().trim().regex(/^[0-9A-Fa-f]{8,64}$/, 'hex').describe('Serial number of the merchant API certificate.'),
  /** Merchant API private key (PEM). Leave out on an update to keep the stored one. */
  merchant_private_key: pem(10000).optional().describe('Merchant API private key (PEM). Leave out on an update to keep the stored one.'),
  /** Platform keys that sign callbacks and responses; several for rotation. */
  platform_public_keys: z.array(platformKeyInput).min(1).max(5).describe('Platform keys that sign callbacks and responses; several for rotation.'),
  /** API host; a local fake in tests. */
  api_base_url: z.url({ protocol: /^https?$/ }).max(500).default('https://api.mch.weixin.qq.com').describe('API host; a local fake in tests.'),
  /** Off: callbacks are refused and nothing is synchronised. */
  enabled: z.boolean().default(true),
  /** Minutes between reconciliation runs. */
  sync_interval_minutes: z.number().int().min(1).max(1440).default(5),
  thresholds: thresholdsSchema.optional(),
  burst: burstSettingsSchema.optional(),
});
export type IntegrationBody = z.infer<typeof integrationBody>;

export const syncStatus = z.object({
  next_run_at: z.string().nullable(),
  last_started_at: z.string().nullable(),
  last_finished_at: z.string().nullable(),
  last_result: z.record(z.string(), z.unknown()).nullable(),
  last_error: z.string().nullable(),
});

export const integrationResponse = z.object({
  mchid: z.string(),
  merchant_serial_no: z.string(),
  /** SHA-256 of the merchant public key; the private key itself is never returned. */
  merchant_key_fingerprint: z.string().describe('SHA-256 of the merchant public key; the private key itself is never returned.'),
  apiv3_key_set: z.boolean(),
  platform_public_keys: z.array(z.object({ id: z.string(), fingerprint: z.string() })),
  api_base_url: z.string(),
  enabled: z.boolean(),
  /** Give this URL to WeChat Pay (or POST .../notification-url to register it). */
  callback_url: z.string().describe('Give this URL to WeChat Pay (or POST .../notification-url to register it).'),
  sync_interval_minutes: z.number().int(),
  thresholds: thresholdsSchema,
  burst: burstSettingsSchema,
  sync: syncStatus,
  created_at: z.string(),
  updated_at: z.string(),
});
export type IntegrationResponse = z.infer<typeof integrationResponse>;

export const integrationTestResponse = z.object({
  /** Every check passed. */
  ok: z.boolean(),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), status: z.number().int().nullable(), code: z.string().nullable(), message: z.string().nullable() })),
});

export const syncBody = z.strictObject({
  /** First day (Asia/Shanghai), default 29 days ago. */
  begin_date: z.iso.date().optional().describe('First day (Asia/Shanghai), default 29 days ago.'),
  /** Last day (Asia/Shanghai), default today. Longer ranges are split into 30-day windows. */
  end_date: z.iso.date().optional().describe('Last day (Asia/Shanghai), default today. Longer ranges are split into 30-day windows.'),
});

export const syncResult = z.object({
  windows: z.number().int(),
  listed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.string()),
});
export type SyncResult = z.infer<typeof syncResult>;

export const notificationUrlBody = z.strictObject({
  /** HTTPS URL to register; default: this tenant's callback URL. */
  url: z.url({ protocol: /^https$/ }).max(500).optional().describe('HTTPS URL to register; default: this tenant\'s callback URL.'),
});
