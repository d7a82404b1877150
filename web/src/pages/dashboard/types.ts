// Response types of the endpoints the dashboard reads, inferred from the server's zod schemas
// (type-only imports: no server code reaches the bundle).
import type { z } from 'zod';
import type { dashboardResponse } from '../../../../src/analytics/analytics.schema.js';
import type { platformMetricsResponse } from '../../../../src/channels/wechatpay/wechatpay.routes.js';
import type { handoverResponse } from '../../../../src/teams/teams.schema.js';
import type { selfServiceResponse } from '../../../../src/analytics/self-service.js';

export type Dashboard = z.infer<typeof dashboardResponse>;
export type WechatPayStanding = Dashboard['wechatpay'][number];
export type UpcomingBreaches = Dashboard['upcoming_breaches'][number];
export type DurationStats = Dashboard['first_response'];
export type PlatformMetrics = z.infer<typeof platformMetricsResponse>;
export type Handover = z.infer<typeof handoverResponse>;
export type SelfService = z.infer<typeof selfServiceResponse>;
