import type { ReactNode } from 'react';
import type { UseInfiniteQueryResult, UseQueryResult } from '@tanstack/react-query';
import { LoadError, Loading } from '../../../components/states';

type Props<T> = {
  query: UseQueryResult<T> | UseInfiniteQueryResult<T>;
  /** What to show once the data is there. */
  children: (data: T) => ReactNode;
};

/** A spinner while a query loads, its error with a retry, then `children` with the data. */
export function QueryResult<T>({ query, children }: Props<T>) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
