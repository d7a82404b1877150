// Server state of the knowledge base. Every key starts with ['kb'] so a write refreshes all of it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ProblemError, type Page } from '../../api/client';
import type { Article, ArticleHit, ArticleListItem, ArticleStatus, ArticleVersion, Category, CreateArticleBody, Locale, UpdateArticleBody } from '../../api/types';

export const articlesPageSize = 20;

export type ArticleFilters = { q?: string; status?: ArticleStatus; locale?: Locale; category?: Category };

export function useArticles(filters: ArticleFilters, cursor: string | undefined) {
  return useQuery({
    queryKey: ['kb', 'articles', filters, cursor ?? null],
    queryFn: ({ signal }) => api<Page<ArticleListItem>>('/kb/articles', { query: { ...filters, limit: articlesPageSize, cursor }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useArticle(id: string | null) {
  return useQuery({
    queryKey: ['kb', 'article', id],
    queryFn: ({ signal }) => api<Article>(`/kb/articles/${id ?? ''}`, { signal }),
    enabled: id !== null,
    retry: (failures, error) => !(error instanceof ProblemError && error.status < 500) && failures < 2,
  });
}

export function useArticleVersions(id: string | null) {
  return useQuery({
    queryKey: ['kb', 'article', id, 'versions'],
    queryFn: ({ signal }) => api<Page<ArticleVersion>>(`/kb/articles/${id ?? ''}/versions`, { query: { limit: 100 }, signal }),
    enabled: id !== null,
  });
}

/** The three articles most likely to help with a case (published only, the customer's language first). */
export function useCaseSuggestions(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'kb-suggestions'],
    queryFn: async ({ signal }) => (await api<{ items: ArticleHit[] }>(`/cases/${caseId}/kb-suggestions`, { signal })).items,
    staleTime: 60_000,
  });
}

function useRefreshKb() {
  const queryClient = useQueryClient();
  return (article: Article) => {
    queryClient.setQueryData(['kb', 'article', article.id], article);
    void queryClient.invalidateQueries({ queryKey: ['kb'] });
  };
}

export function useCreateArticle() {
  const refresh = useRefreshKb();
  return useMutation({ mutationFn: (body: CreateArticleBody) => api<Article>('/kb/articles', { method: 'POST', body }), onSuccess: refresh });
}

export function useUpdateArticle(id: string) {
  const refresh = useRefreshKb();
  return useMutation({ mutationFn: (body: UpdateArticleBody) => api<Article>(`/kb/articles/${id}`, { method: 'PATCH', body }), onSuccess: refresh });
}

export function useArchiveArticle(id: string) {
  const refresh = useRefreshKb();
  return useMutation({ mutationFn: () => api<Article>(`/kb/articles/${id}`, { method: 'DELETE' }), onSuccess: refresh });
}

/** A PATCH refused because the article moved on since it was loaded (not a taken slug, which names its field). */
export function isVersionConflict(error: unknown): error is ProblemError {
  return error instanceof ProblemError && error.status === 409 && error.errors.length === 0;
}
