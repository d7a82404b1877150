import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { Team } from '../../api/types';
import type { Dashboard, Handover, PlatformMetrics, SelfService } from './types';

/** The dashboard asks again every minute, on top of the live stream's invalidations. */
export const REFRESH_MS = 60_000;
/** The server refuses longer ranges. */
export const MAX_RANGE_DAYS = 366;
export const DATE_FORMAT = 'YYYY-MM-DD';

export type DashboardFilters = { from: string; to: string; team: string | null };

const isDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value, DATE_FORMAT).isValid();

export function lastDays(days: number): { from: string; to: string } {
  const today = dayjs();
  return { from: today.subtract(days - 1, 'day').format(DATE_FORMAT), to: today.format(DATE_FORMAT) };
}

/**
 * Range and team live in the address (?from=&to=&team=), so a view can be bookmarked or shared;
 * anything missing or malformed falls back to the last 30 days of all teams.
 */
export function useDashboardFilters(): [DashboardFilters, (next: Partial<DashboardFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const fromParam = params.get('from');
  const toParam = params.get('to');
  const teamParam = params.get('team');
  // Part of the memo key, so a console left open past midnight moves its default range along.
  const today = dayjs().format(DATE_FORMAT);
  const filters = useMemo<DashboardFilters>(() => {
    const fallback = lastDays(30);
    const valid = isDate(fromParam) && isDate(toParam) && fromParam <= toParam && dayjs(toParam).diff(dayjs(fromParam), 'day') < MAX_RANGE_DAYS;
    return { from: valid ? fromParam : fallback.from, to: valid ? toParam : fallback.to, team: teamParam || null };
  }, [fromParam, toParam, teamParam, today]);
  const update = useCallback(
    (next: Partial<DashboardFilters>) => {
      const merged = { ...filters, ...next };
      const search = new URLSearchParams({ from: merged.from, to: merged.to });
      if (merged.team) search.set('team', merged.team);
      setParams(search, { replace: true });
    },
    [filters, setParams],
  );
  return [filters, update];
}

export function useDashboard({ from, to, team }: DashboardFilters) {
  return useQuery({
    queryKey: ['dashboard', from, to, team],
    queryFn: ({ signal }) => api<Dashboard>('/analytics/dashboard', { query: { from, to, team }, signal }),
    refetchInterval: REFRESH_MS,
    // Keep the charts in place while a new range or team loads.
    placeholderData: keepPreviousData,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: ['teams', 'dashboard-filter'],
    queryFn: ({ signal }) => api<{ items: Team[] }>('/teams', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The fuller WeChat Pay figures (window, counts, tolerance, levels) per merchant, as of `asOf`. */
export function usePlatformMetrics(merchantIds: string[], asOf: string | undefined) {
  return useQueries({
    queries: merchantIds.map((mchid) => ({
      queryKey: ['dashboard', 'platform-complaints', mchid, asOf],
      queryFn: ({ signal }: { signal: AbortSignal }) => api<PlatformMetrics>('/metrics/platform-complaints', { query: { platform: 'wechatpay', mchid, as_of: asOf }, signal }),
      enabled: asOf !== undefined,
      refetchInterval: REFRESH_MS,
    })),
  });
}

export function useHandover(team: string | null) {
  return useQuery({
    queryKey: ['dashboard', 'handover', team],
    queryFn: ({ signal }) => api<Handover>('/handover', { query: { team }, signal }),
    enabled: team !== null,
    refetchInterval: REFRESH_MS,
  });
}

/** Chat deflection, portal cases, CSAT and article votes over the same days (no team filter: visitors have no team). */
export function useSelfService(from: string, to: string) {
  return useQuery({
    queryKey: ['dashboard', 'self-service', from, to],
    queryFn: ({ signal }) => api<SelfService>('/analytics/self-service', { query: { from, to }, signal }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}
