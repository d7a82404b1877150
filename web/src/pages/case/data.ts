// Server state of the case workspace. Every key starts with ['case', id] so the live stream's
// invalidation of that prefix refreshes the whole workspace; lists are read to their last page.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ProblemError, type Page } from '../../api/client';
import type { Attachment, Call, Case, Complaint, ConductCheck, CustomerWithCases, Dispute, FollowUp, Message, Playbook, Team, TimelineItem, User } from '../../api/types';

/** Pages of a list endpoint, followed to the end (capped: a case never has thousands of entries). */
async function allPages<T>(path: string, limit = 200, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await api<Page<T>>(path, { query: { limit, cursor } });
    items.push(...result.items);
    if (!result.next_cursor) break;
    cursor = result.next_cursor;
  }
  return items;
}

/** A missing case (or another tenant's) is an answer, not a hiccup: no retries. */
const retryUnlessAbsent = (failures: number, error: Error) => !(error instanceof ProblemError && (error.status === 404 || error.status === 403 || error.status === 400)) && failures < 2;

export const caseKey = (id: string) => ['case', id] as const;

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => api<Case>(`/cases/${id}`), retry: retryUnlessAbsent });
}

export function useMessages(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['case', id, 'messages'], queryFn: () => allPages<Message>(`/cases/${id}/messages`), enabled });
}

export function useTimeline(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['case', id, 'timeline'], queryFn: () => allPages<TimelineItem>(`/cases/${id}/timeline`), enabled });
}

export function useCalls(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['case', id, 'calls'], queryFn: () => allPages<Call>(`/cases/${id}/calls`, 100), enabled });
}

export function useAttachments(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['case', id, 'attachments'], queryFn: async () => (await api<{ items: Attachment[] }>(`/cases/${id}/attachments`)).items, enabled });
}

export function useFollowUps(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['case', id, 'follow-ups'], queryFn: async () => (await api<{ items: FollowUp[] }>(`/cases/${id}/follow-ups`)).items, enabled });
}

export function useCustomer(id: string, customerId: string | null | undefined) {
  return useQuery({
    queryKey: ['case', id, 'customer', customerId],
    queryFn: () => api<CustomerWithCases>(`/customers/${customerId ?? ''}`),
    enabled: Boolean(customerId),
  });
}

/** Playbooks ship with the server and do not change while it runs. */
export function usePlaybook(category: string | undefined) {
  return useQuery({ queryKey: ['playbook', category], queryFn: () => api<Playbook>(`/playbooks/${category ?? ''}`), enabled: Boolean(category), staleTime: Infinity });
}

/** Only asked for when the timeline shows the case came from a WeChat Pay complaint (others answer 404). */
export function useComplaint(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['case', id, 'wechatpay'], queryFn: () => api<Complaint>(`/cases/${id}/wechatpay`), enabled, retry: retryUnlessAbsent });
}

/** Only asked for when the timeline shows a Stripe dispute opened the case. */
export function useDispute(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['case', id, 'dispute'], queryFn: () => api<Dispute>(`/cases/${id}/dispute`), enabled, retry: retryUnlessAbsent });
}

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: async () => (await api<{ items: User[] }>('/users')).items, staleTime: 300_000 });
}

export function useTeams() {
  return useQuery({ queryKey: ['teams'], queryFn: async () => (await api<{ items: Team[] }>('/teams')).items, staleTime: 300_000 });
}

const conductKey = (id: string, text: string) => ['case', id, 'conduct', text] as const;
const checkConduct = (id: string, text: string) => api<ConductCheck>(`/cases/${id}/messages/check`, { method: 'POST', body: { body: text } });

/** The conduct guard's verdict on a draft reply (nothing is stored); `text` is already debounced. */
export function useConductCheck(id: string, text: string, enabled: boolean) {
  return useQuery({ queryKey: conductKey(id, text), queryFn: () => checkConduct(id, text), enabled: enabled && text.trim() !== '', staleTime: 10_000, placeholderData: (previous) => previous });
}

/** The verdict for exactly this text, right before sending (from the cache when just checked). */
export function useConductCheckNow(id: string) {
  const queryClient = useQueryClient();
  return (text: string) => queryClient.fetchQuery({ queryKey: conductKey(id, text), queryFn: () => checkConduct(id, text), staleTime: 3_000 });
}

/** Refetches everything of the case after a write. */
export function useInvalidateCase(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: caseKey(id) });
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
  };
}

export type CasePatch = Partial<{ category: Case['category']; priority: Case['priority']; assignee_id: string | null; team: string | null; tags: string[] }>;

/** PATCH /cases/{id}: the answer replaces the cached case at once, then everything refetches. */
export function useUpdateCase(id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCase(id);
  return useMutation({
    mutationFn: (patch: CasePatch) => api<Case>(`/cases/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseKey(id), updated);
      invalidate();
    },
  });
}
