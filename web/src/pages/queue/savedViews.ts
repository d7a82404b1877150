// Views a person saved from their current filters, kept in this browser per tenant and user.
import { useCallback, useState } from 'react';
import type { Me } from '../../api/types';

export type SavedView = { id: string; name: string; query: string };

function storageKey(me: Me): string {
  return `paydesk.queue.views:${me.tenant.id}:${me.user_id ?? me.token_id}`;
}

function isSavedView(value: unknown): value is SavedView {
  if (typeof value !== 'object' || value === null) return false;
  const view = value as Record<string, unknown>;
  return typeof view.id === 'string' && typeof view.name === 'string' && typeof view.query === 'string';
}

function read(key: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isSavedView) : [];
  } catch {
    return [];
  }
}

export function useSavedViews(me: Me) {
  const key = storageKey(me);
  const [state, setState] = useState(() => ({ key, views: read(key) }));
  // Another user signing in on this browser gets their own list.
  const views = state.key === key ? state.views : read(key);

  const write = useCallback(
    (next: SavedView[]) => {
      localStorage.setItem(key, JSON.stringify(next));
      setState({ key, views: next });
    },
    [key],
  );

  const save = useCallback(
    (name: string, query: string): SavedView => {
      // Not crypto.randomUUID: a desk served over plain http on the LAN is not a secure context.
      const view: SavedView = { id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, name: name.trim(), query };
      write([...read(key), view]);
      return view;
    },
    [key, write],
  );

  const remove = useCallback((id: string) => write(read(key).filter((view) => view.id !== id)), [key, write]);

  return { views, save, remove };
}
