// The filters as React state that follows the URL. The router moves to a new URL inside a
// transition, which a busy table render can hold back; the controls must not wait for it, or a
// quick second change would start from the old filters. So a change shows at once, and the URL
// catches up; a URL changed from outside (back/forward, a link, a reload) wins.
import { useCallback, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { parseFilters, serializeFilters, type Filters } from './filters';

export function useUrlFilters(): [Filters, (change: Filters | ((previous: Filters) => Filters)) => void] {
  const [params, setParams] = useSearchParams();
  const url = params.toString();
  const [state, setState] = useState(() => ({ seenUrl: url, filters: parseFilters(params) }));
  let current = state;
  if (state.seenUrl !== url) {
    current = { seenUrl: url, filters: parseFilters(params) };
    setState(current);
  }
  const latest = useRef(current.filters);
  latest.current = current.filters;

  const apply = useCallback(
    (change: Filters | ((previous: Filters) => Filters)) => {
      const next = typeof change === 'function' ? change(latest.current) : change;
      latest.current = next;
      setState((previous) => ({ seenUrl: previous.seenUrl, filters: next }));
      setParams(serializeFilters(next));
    },
    [setParams],
  );
  return [current.filters, apply];
}
