import type { ReactNode } from 'react';
import { Card } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { LoadError, Loading } from '../../components/states';

/** A side panel's heading: its icon, then its name. */
export function PanelTitle({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <span>
      {icon} {children}
    </span>
  );
}

/**
 * A side panel that shows one query's data: until it is there, a small card under `title` with a
 * spinner, or the error and a retry; then whatever `children` draws from the data.
 */
export function QueryPanel<Data>({ title, query, children }: { title: ReactNode; query: UseQueryResult<Data>; children: (data: NonNullable<Data>) => ReactNode }) {
  if (query.isLoading) {
    return (
      <Card size="small" title={title}>
        <Loading />
      </Card>
    );
  }
  if (query.isError || !query.data) {
    return (
      <Card size="small" title={title}>
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      </Card>
    );
  }
  return children(query.data);
}
