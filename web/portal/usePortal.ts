import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { publicApi } from './api/client';
import type { PortalInfo } from './api/types';
import { useTenant } from './tenant';

/** The tenant's portal facts (name, problems to pick, broadcasts) in the page's language. */
export function usePortal() {
  const { i18n } = useTranslation();
  const tenant = useTenant();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const portal = useQuery({
    queryKey: ['portal', tenant.slug, locale],
    queryFn: ({ signal }) => publicApi<PortalInfo>(`/${encodeURIComponent(tenant.slug ?? '')}/portal`, { query: { locale }, signal }),
    enabled: Boolean(tenant.slug),
    staleTime: 60_000,
  });
  return { tenant, portal, locale } as const;
}
