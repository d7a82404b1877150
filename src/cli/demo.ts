import type { Config } from '../config.js';
import { loadDemo, MAX_DEMO_CASES } from '../demo/demo.service.js';
import { loadWechatPayDemo } from '../demo/wechatpay-demo.js';
import { loadStripeDemo } from '../demo/stripe-demo.js';
import { loadSelfServiceDemo } from '../demo/selfservice-demo.js';
import { secretKeyFor } from '../runtime.js';
import { bootstrapFirstRun } from '../tenants/bootstrap.js';
import { findTenantBySlug } from '../tenants/tenants.service.js';
import { withDatabase } from './admin.js';
import type { Io } from './main.js';
import { progressBar } from './progress.js';

const DEFAULT_CASES = 300;

/** `paydesk demo`: fills a tenant with realistic zh-CN and en cases, reproducibly. */
export async function demoCommand(config: Config, io: Io, options: { tenant?: string; cases?: string }, now = new Date()): Promise<number> {
  const slug = options.tenant ?? 'default';
  const cases = options.cases === undefined ? DEFAULT_CASES : /^\d+$/.test(options.cases) ? Number(options.cases) : Number.NaN;
  if (!Number.isInteger(cases) || cases < 1 || cases > MAX_DEMO_CASES) {
    io.err(`--cases must be a whole number from 1 to ${MAX_DEMO_CASES}, got "${options.cases ?? ''}"`);
    return 2;
  }
  return withDatabase(config, async ({ db }) => {
    // On a desk that was never started, `demo` does the first-start set-up itself.
    const token = slug === 'default' ? await bootstrapFirstRun(db, config.defaultTimezone, new Date()) : null;
    if (token) io.err(`Paydesk is set up. Admin token for tenant "default" (shown once, store it now):\n  ${token}`);
    const tenant = await findTenantBySlug(db, slug);
    if (!tenant) {
      io.err(`no tenant "${slug}": start the server once (paydesk serve) or run: paydesk tenant create ${slug} --name "…"`);
      return 1;
    }
    let bar: ReturnType<typeof progressBar> | undefined;
    const summary = await loadDemo(db, tenant, {
      cases,
      now,
      onProgress(done, total) {
        bar ??= progressBar(`demo ${tenant.slug}`, total);
        bar.update(done);
      },
    });
    bar?.stop();
    io.out(`demo: created ${summary.cases} cases in tenant "${tenant.slug}" (${summary.messages} messages, ${summary.customers} customers, ${summary.repeatsLinked} linked repeats)`);
    io.out(summary.agentsCreated > 0 ? `staff: created ${summary.agentsCreated} agents and supervisors` : `staff: used the tenant's ${summary.staff} agents and supervisors`);
    io.out(`language: zh-CN ${summary.byLocale['zh-CN']}, en ${summary.byLocale.en}`);
    io.out(summary.kbArticles > 0 ? `knowledge base: ${summary.kbArticles} starter articles added (see /portal/)` : 'knowledge base: starter articles already there (see /portal/)');
    for (const [status, count] of Object.entries(summary.byStatus)) io.out(`  ${status.padEnd(18)}${String(count).padStart(5)}`);
    const quiet = { info() {}, warn() {}, error: (object: unknown, message?: string) => io.err(`${message ?? ''} ${JSON.stringify(object)}`) };
    let selfServiceBar: ReturnType<typeof progressBar> | undefined;
    const selfService = await loadSelfServiceDemo(db, tenant, {
      now,
      secretKey: secretKeyFor(config),
      publicUrl: config.publicUrl,
      selfService: config.selfService,
      log: quiet,
      onProgress(done, total) {
        selfServiceBar ??= progressBar(`self-service ${tenant.slug}`, total);
        selfServiceBar.update(done);
      },
    });
    selfServiceBar?.stop();
    if (selfService.skipped) io.out(`self-service: skipped (${selfService.skipped})`);
    else io.out(`self-service: ${selfService.chats} chats (${selfService.deflected} solved by the bot, ${selfService.handedOff} handed off, ${selfService.abandoned} abandoned), ${selfService.portalCases} portal cases, ${selfService.ratings} ratings, ${selfService.votes} article votes (see /portal/ and the dashboard's Self-service card)`);
    const wechatpay = await loadWechatPayDemo(db, tenant, { now, secretKey: secretKeyFor(config), publicUrl: config.publicUrl, log: quiet });
    if (wechatpay.skipped) io.out(`wechatpay: skipped (${wechatpay.skipped})`);
    else io.out(`wechatpay: ${wechatpay.complaints} complaints taken in from a local fake WeChat Pay${wechatpay.incident ? ', one flood grouped under an incident' : ''}; the integration is left disabled (PUT /api/v1/integrations/wechatpay with your keys to connect)`);
    const stripe = await loadStripeDemo(db, tenant, { now, secretKey: secretKeyFor(config), publicUrl: config.publicUrl, log: quiet });
    if (stripe.skipped) io.out(`stripe: skipped (${stripe.skipped})`);
    else io.out(`stripe: ${stripe.disputes} disputes from ${stripe.events} signed events; the integration is left disabled (PUT /api/v1/integrations/stripe with your signing secret to connect)`);
    return 0;
  });
}
