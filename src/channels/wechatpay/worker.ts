import { startLoop } from '../../shared/loop.js';
import { deliverDueActions } from './actions.service.js';
import { enabledTenants } from './integration.service.js';
import { checkThresholds } from './metrics.service.js';
import { runDueSyncs } from './reconcile.service.js';
import { retryPendingNotifications, type CallbackDeps } from './webhook.service.js';

export type PlatformWork = { notifications: number; actions: number; syncs: number; alerts: number };

/**
 * One round of WeChat Pay background work, all from durable tables and safe on several nodes:
 * notifications whose complaint could not be fetched yet, replies and other calls to deliver,
 * reconciliation runs that are due, and the metric thresholds.
 */
export async function runPlatformWork(deps: CallbackDeps): Promise<PlatformWork> {
  const notifications = await retryPendingNotifications(deps);
  const actions = await deliverDueActions(deps);
  const syncs = await runDueSyncs(deps);
  let alerts = 0;
  for (const tenantId of await enabledTenants(deps.db)) alerts += await checkThresholds(deps, tenantId);
  return { notifications, actions, syncs, alerts };
}

export function startPlatformWorker(deps: CallbackDeps, intervalMs: number) {
  return startLoop('wechatpay', async () => {
    const work = await runPlatformWork(deps);
    // A full batch means more may be waiting (a flood of callbacks, a queue of replies): go again at once.
    return work.actions >= 20 || work.notifications >= 20;
  }, deps.log, intervalMs);
}
