import { activeBroadcasts } from '../bot/bot.js';
import type { Category } from '../cases/taxonomy.js';
import type { Executor } from '../db/database.js';
import type { TenantRow } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { Locale } from '../i18n/i18n.js';
import { findTenantBySlug, listTenants } from '../tenants/tenants.service.js';
import { formFields, problemLabel, problemList } from './forms.js';

/** For the self-service report. */
export { csatSummary, portalCaseCount } from './csat.service.js';

/** The tenant a public URL names; an unknown slug is a 404. */
export async function publicTenant(db: Executor, slug: string): Promise<TenantRow> {
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw new AppError('not_found', { key: 'detail.portal_tenant_not_found', params: { slug: slug.slice(0, 100) } });
  return tenant;
}

/** The oldest tenant: what `/portal/` shows when the URL names none. */
export async function defaultTenant(db: Executor) {
  const [oldest] = await listTenants(db);
  if (!oldest) throw new AppError('not_found', { key: 'detail.portal_no_tenant' });
  return { slug: oldest.slug, name: oldest.name };
}

/** The portal's start page: the problems to pick from and the notices of open incidents. */
export async function portalConfig(db: Executor, slug: string, locale: Locale) {
  const tenant = await publicTenant(db, slug);
  return { tenant: { slug: tenant.slug, name: tenant.name }, problems: problemList(locale), broadcasts: await activeBroadcasts(db, tenant.id, locale) };
}

/** The guided form for one problem. */
export async function portalForm(db: Executor, slug: string, category: Category, locale: Locale) {
  await publicTenant(db, slug);
  return { category, label: problemLabel(category, locale), fields: formFields(category, locale) };
}
