// Server state of the SLA and integration settings. Writes that move deadlines (policies,
// calendars) also refresh the queue and open case pages, which show those deadlines.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ProblemError } from '../../../api/client';
import type { Calendar, CalendarInput, Mailbox, Policy, StripeIntegration, WechatPayIntegration } from './types';

export const keys = {
  policies: ['sla-policies'] as const,
  calendars: ['calendars'] as const,
  wechatpay: ['integrations', 'wechatpay'] as const,
  stripe: ['integrations', 'stripe'] as const,
  mailboxes: ['mailboxes'] as const,
};

export function usePolicies() {
  return useQuery({ queryKey: keys.policies, queryFn: async () => (await api<{ items: Policy[] }>('/sla-policies')).items });
}

export function useCalendars() {
  return useQuery({ queryKey: keys.calendars, queryFn: async () => (await api<{ items: Calendar[] }>('/calendars')).items });
}

/** An integration that is not set up yet answers 409 integration_not_configured: that is `null`, not an error. */
async function integration<T>(path: string): Promise<T | null> {
  try {
    return await api<T>(path);
  } catch (error) {
    if (error instanceof ProblemError && error.code === 'integration_not_configured') return null;
    throw error;
  }
}

export function useWechatPay() {
  return useQuery({ queryKey: keys.wechatpay, queryFn: () => integration<WechatPayIntegration>('/integrations/wechatpay') });
}

export function useStripe() {
  return useQuery({ queryKey: keys.stripe, queryFn: () => integration<StripeIntegration>('/integrations/stripe') });
}

export function useMailboxes() {
  return useQuery({ queryKey: keys.mailboxes, queryFn: async () => (await api<{ items: Mailbox[] }>('/mailboxes')).items });
}

/** After a change that moves deadlines: the settings list and every case view. */
export async function refreshDeadlines(queryClient: QueryClient, ...settings: (readonly string[])[]): Promise<void> {
  await Promise.all([
    ...settings.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    queryClient.invalidateQueries({ queryKey: ['cases'] }),
    queryClient.invalidateQueries({ queryKey: ['case'] }),
    queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
  ]);
}

/** The whole calendar as a PUT body (PUT replaces it), with some parts changed. */
export function calendarInput(calendar: Calendar, patch: Partial<CalendarInput> = {}): CalendarInput {
  return {
    name: calendar.name,
    timezone: calendar.timezone,
    hours: calendar.hours,
    holiday_regions: calendar.holiday_regions,
    holidays: calendar.holidays,
    workdays: calendar.workdays,
    ...(calendar.workday_hours ? { workday_hours: calendar.workday_hours } : {}),
    exceptions: calendar.exceptions,
    ...patch,
  };
}

/** Saves a whole calendar; deadlines on it move, so case views refresh too. */
export function useSaveCalendar(calendar: Calendar) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CalendarInput) => api<Calendar>(`/calendars/${calendar.id}`, { method: 'PUT', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData<Calendar[]>(keys.calendars, (old) => old?.map((item) => (item.id === saved.id ? saved : item)));
      void refreshDeadlines(queryClient, keys.calendars);
    },
  });
}
