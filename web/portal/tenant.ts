import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { publicApi } from './api/client';

/**
 * The merchant whose help centre this is: `?tenant=` when the link says so, else the desk's
 * default tenant. Links inside the portal carry an explicit `?tenant=` along.
 */
export function useTenant(): { slug: string | null; explicit: string | null; error: unknown; loading: boolean } {
  const [params] = useSearchParams();
  const explicit = params.get('tenant');
  const fallback = useQuery({
    queryKey: ['default-tenant'],
    queryFn: ({ signal }) => publicApi<{ slug: string; name: string }>('/default-tenant', { signal }),
    enabled: !explicit,
    staleTime: Infinity,
  });
  return { slug: explicit ?? fallback.data?.slug ?? null, explicit, error: explicit ? null : fallback.error, loading: !explicit && fallback.isPending };
}

/** `path` (inside /portal) with the current explicit tenant and any extra query added. */
export function useTenantPath(): (path: string, query?: Record<string, string | null | undefined>) => string {
  const [params] = useSearchParams();
  const explicit = params.get('tenant');
  return useCallback(
    (path: string, query: Record<string, string | null | undefined> = {}) => {
      const [base, existing] = path.split('?');
      const search = new URLSearchParams(existing ?? '');
      if (explicit && !search.has('tenant')) search.set('tenant', explicit);
      for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
      const suffix = search.toString();
      return `${base}${suffix ? `?${suffix}` : ''}`;
    },
    [explicit],
  );
}
