// Server state of the live chats. Both the list and an open conversation are polled every 3 s (the
// console's live stream carries case events only); a conversation fetches only messages it lacks.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ProblemError, type Page } from '../../api/client';
import type { ChatDetail, ChatStatus, ChatSummary } from '../../api/types';

export const pollMs = 3_000;
/** The list filters: one status, or every open one. */
export const chatFilters = ['open', 'waiting', 'agent', 'bot', 'closed'] as const;
export type ChatFilter = (typeof chatFilters)[number];
const openStatuses: ChatStatus[] = ['waiting', 'agent', 'bot'];

export function useChatList(filter: ChatFilter) {
  return useQuery({
    queryKey: ['chats', 'list', filter],
    queryFn: ({ signal }) => api<Page<ChatSummary>>('/chats', { query: { status: filter === 'open' ? openStatuses.join(',') : filter, limit: 100 }, signal }),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  });
}

const pageLimit = 500;

/** One conversation with all its messages; each poll asks only for those after the last one held. */
export function useChat(id: string | null) {
  const queryClient = useQueryClient();
  const key = ['chats', 'detail', id] as const;
  return useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const held = queryClient.getQueryData<ChatDetail>(key);
      let messages = held?.messages ?? [];
      let latest: ChatDetail | undefined;
      for (let page = 0; page < 20; page += 1) {
        const after = messages.at(-1)?.seq ?? 0;
        latest = await api<ChatDetail>(`/chats/${id ?? ''}`, { query: { after_seq: after, limit: pageLimit }, signal });
        messages = [...messages, ...latest.messages.filter((message) => message.seq > after)];
        if (latest.messages.length < pageLimit) break;
      }
      if (!latest) throw new Error('no chat');
      return { ...latest, messages };
    },
    enabled: id !== null,
    refetchInterval: (query) => (query.state.error ? false : pollMs),
    retry: (failures, error) => !(error instanceof ProblemError && error.status < 500) && failures < 2,
  });
}

function useRefreshChats(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['chats', 'detail', id] });
    void queryClient.invalidateQueries({ queryKey: ['chats', 'list'] });
  };
}

export function useSendChatMessage(id: string) {
  const refresh = useRefreshChats(id);
  return useMutation({ mutationFn: (body: string) => api<unknown>(`/chats/${id}/messages`, { method: 'POST', body: { body } }), onSuccess: refresh });
}

export function useCloseChat(id: string) {
  const refresh = useRefreshChats(id);
  return useMutation({ mutationFn: () => api<unknown>(`/chats/${id}/close`, { method: 'POST' }), onSuccess: refresh });
}

/** Tells the visitor the agent is (or stopped) typing; failures are not worth a word. */
export function sendTyping(id: string, typing: boolean): void {
  void api<unknown>(`/chats/${id}/typing`, { method: 'POST', body: { typing } }).catch(() => undefined);
}

export function markRead(id: string, seq: number): Promise<unknown> {
  return api<unknown>(`/chats/${id}/read`, { method: 'POST', body: { seq } });
}
