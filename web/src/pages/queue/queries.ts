// Server state of the queue. Every case query's key starts with 'cases', so the live stream
// (web/src/api/live.ts) refetches the list whenever a case changes.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ProblemError, type Page } from '../../api/client';
import type { Case, Me, Team, User } from '../../api/types';
import { toApiQuery, type Filters } from './filters';

export function useCaseList(filters: Filters, me: Me) {
  // The key holds the filters, not the "due before" instant, which moves with the clock.
  const keyQuery = toApiQuery(filters, me, 0);
  delete keyQuery.due_before;
  return useInfiniteQuery({
    queryKey: ['cases', 'queue', keyQuery, filters.due ?? null],
    queryFn: ({ pageParam, signal }) => api<Page<Case>>('/cases', { query: { ...toApiQuery(filters, me, Date.now()), cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: 'always',
    // A "due within" window slides with time; nothing on the stream says a case entered it.
    refetchInterval: filters.due ? 60_000 : false,
  });
}

/** Whether the desk has any case at all: tells "fresh desk" from "nothing matches". */
export function useDeskHasCases(enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'queue-any'],
    queryFn: ({ signal }) => api<Page<Case>>('/cases', { query: { limit: 1 }, signal }),
    select: (page) => page.items.length > 0,
    enabled,
  });
}

// Shared cache entries: ['users'] and ['teams'] hold plain arrays (the case workspace reads them too).
export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: async ({ signal }) => (await api<{ items: User[] }>('/users', { signal })).items, staleTime: 300_000 });
}

export function useTeams() {
  return useQuery({ queryKey: ['teams'], queryFn: async ({ signal }) => (await api<{ items: Team[] }>('/teams', { signal })).items, staleTime: 300_000 });
}

export type BulkFailure = { id: string; number: number; message: string };
export type BulkResult = { ok: string[]; failed: BulkFailure[] };

/** PATCHes each case's assignee a few at a time; one failure does not stop the others. */
export function useBulkAssign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ cases, assigneeId }: { cases: Pick<Case, 'id' | 'number'>[]; assigneeId: string | null }): Promise<BulkResult> => {
      const result: BulkResult = { ok: [], failed: [] };
      const queue = [...cases];
      const worker = async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          try {
            await api<Case>(`/cases/${item.id}`, { method: 'PATCH', body: { assignee_id: assigneeId } });
            result.ok.push(item.id);
          } catch (error) {
            const message = error instanceof ProblemError ? (error.detail ?? error.title) : error instanceof Error ? error.message : String(error);
            result.failed.push({ id: item.id, number: item.number, message });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(4, cases.length) }, worker));
      return result;
    },
    onSettled: (_result, _error, { cases }) => {
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      for (const item of cases) void queryClient.invalidateQueries({ queryKey: ['case', item.id] });
    },
  });
}
