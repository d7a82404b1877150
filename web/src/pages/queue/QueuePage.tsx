import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Flex, Typography } from 'antd';
import type { InputRef } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { useNow } from '../../components/clock';
import { EmptyState, LoadError, Loading } from '../../components/states';
import { BulkBar } from './BulkBar';
import { CaseTable } from './CaseTable';
import { FilterBar } from './FilterBar';
import { activeBuiltinView, builtinViews, filterKey, parseFilters, serializeFilters, viewFilters, type Filters } from './filters';
import { useBulkAssign, useCaseList, useDeskHasCases, useTeams, useUsers, type BulkResult } from './queries';
import { useSavedViews } from './savedViews';
import { ViewBar } from './ViewBar';
import { useQueueKeys } from './useQueueKeys';
import { useUrlFilters } from './useUrlFilters';

/** The case highlighted last, so coming back from it to the same list keeps the place. */
let lastHighlight: { key: string; id: string } | null = null;

function KeyHint() {
  const { t } = useTranslation('queue');
  const key = (text: string) => <Typography.Text keyboard>{text}</Typography.Text>;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="key-hint">
      {t('keys.hint')}: {key('j')}/{key('k')} {t('keys.move')} · {key('Enter')} {t('keys.open')} · {key('r')} {t('keys.reply')} · {key('/')} {t('keys.search')}
    </Typography.Text>
  );
}

/** The worklist: saved views, URL-held filters, deadlines by colour, bulk assignment and keyboard moves. */
export default function QueuePage() {
  const { t } = useTranslation('queue');
  const { me, can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [filters, applyFilters] = useUrlFilters();
  const canSeeOwn = me.user_id !== null;
  const canAssign = can('admin', 'supervisor', 'agent');
  const now = useNow(60_000);

  const list = useCaseList(filters, me);
  const users = useUsers();
  const teams = useTeams();
  const saved = useSavedViews(me);
  const bulk = useBulkAssign();
  const searchRef = useRef<InputRef>(null);

  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const usersById = useMemo(() => new Map((users.data ?? []).map((user) => [user.id, user])), [users.data]);
  const deskHasCases = useDeskHasCases(list.isSuccess && items.length === 0);

  // Highlight and selection belong to one list: a new filter or order starts them afresh.
  const listKey = `${filterKey(filters)}|${filters.sort}`;
  const [focusState, setFocusState] = useState<{ key: string; id: string | null }>(() => ({ key: listKey, id: lastHighlight?.key === listKey ? lastHighlight.id : null }));
  const [selectState, setSelectState] = useState<{ key: string; ids: string[] }>({ key: listKey, ids: [] });
  const [bulkResult, setBulkResult] = useState<BulkResult | null>(null);
  // The highlight sticks to a case, not a position, so rows arriving live do not move it.
  const focusedAt = focusState.key === listKey && focusState.id ? items.findIndex((item) => item.id === focusState.id) : -1;
  const focused = focusedAt >= 0 ? focusedAt : null;
  const loadedIds = new Set(items.map((item) => item.id));
  const selected = selectState.key === listKey ? selectState.ids.filter((id) => loadedIds.has(id)) : [];
  const setFocused = (index: number | null) => {
    const id = index === null ? null : (items[index]?.id ?? null);
    lastHighlight = id ? { key: listKey, id } : null;
    setFocusState({ key: listKey, id });
  };
  const setSelected = (ids: string[]) => setSelectState({ key: listKey, ids });

  const patchFilters = (patch: Partial<Filters>) => applyFilters((previous) => ({ ...previous, ...patch }));
  const open = (index: number, reply: boolean) => {
    const item = items[index];
    if (item) void navigate(`/cases/${item.id}${reply ? '?reply=1' : ''}`);
  };

  useQueueKeys({ rowCount: items.length, focused, setFocused, open, focusSearch: () => searchRef.current?.focus() });

  const focusedId = focused === null ? null : (items[focused]?.id ?? null);
  useEffect(() => {
    if (focusedId) document.querySelector(`.queue-table tr[data-row-key="${focusedId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [focusedId]);

  const activeView = activeBuiltinView(filters);
  const currentQuery = serializeFilters(filters).toString();
  const activeSaved = saved.views.find((view) => view.query === currentQuery)?.id ?? null;

  const resultText = (result: BulkResult) => t('bulk.result', { ok: result.ok.length, failed: result.failed.length });
  const assign = (assigneeId: string | null) => {
    const cases = items.filter((item) => selected.includes(item.id));
    setBulkResult(null);
    bulk.mutate(
      { cases, assigneeId },
      {
        onSuccess: (result) => {
          setBulkResult(result);
          const text = resultText(result);
          if (result.failed.length === 0) void message.success(text);
          else void message.warning(text);
          // Failed rows stay selected so they can be tried again.
          setSelected(result.failed.map((failure) => failure.id));
        },
      },
    );
  };

  const loadError = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  let empty: ReactNode;
  if (deskHasCases.data === false) empty = <EmptyState>{t('common:state.emptyDesk')}</EmptyState>;
  else if (activeView === 'mine') empty = <EmptyState>{t('empty.mine')}</EmptyState>;
  else
    empty = (
      <EmptyState>
        <div>{t('empty.filtered')}</div>
        <Typography.Text type="secondary">{t('empty.filteredHint')}</Typography.Text>
      </EmptyState>
    );

  return (
    <Flex vertical gap={12} data-testid="queue-page">
      <Flex wrap justify="space-between" align="center" gap={8}>
        <Flex align="baseline" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          {list.isSuccess && (
            <Typography.Text type="secondary" data-testid="queue-count" data-count={items.length}>
              {t(list.hasNextPage ? 'loadedMore' : 'loaded', { count: items.length })}
            </Typography.Text>
          )}
        </Flex>
        <Flex align="center" gap={12} wrap>
          <KeyHint />
          <Button size="small" icon={<ReloadOutlined />} loading={list.isFetching && !list.isFetchingNextPage} onClick={() => void list.refetch()}>
            {t('refresh')}
          </Button>
        </Flex>
      </Flex>

      <ViewBar
          active={activeView}
          onPick={(id) => {
            const view = builtinViews.find((candidate) => candidate.id === id);
            if (view) applyFilters(viewFilters(view));
          }}
          canSeeOwn={canSeeOwn}
          saved={saved.views}
          activeSaved={activeSaved}
          onOpenSaved={(view) => applyFilters(parseFilters(new URLSearchParams(view.query)))}
          onSave={(name) => saved.save(name, currentQuery)}
          onDelete={(view) => saved.remove(view.id)}
        />

      <FilterBar filters={filters} onChange={patchFilters} onReset={() => applyFilters(viewFilters({ filters: {} }))} users={users.data ?? []} teams={teams.data ?? []} canSeeOwn={canSeeOwn} searchRef={searchRef} />

      {(filters.sort === 'due_at' || filters.sort === '-due_at') && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sort.dueOnly')}
        </Typography.Text>
      )}

      {canAssign && selected.length > 0 && <BulkBar count={selected.length} users={users.data ?? []} busy={bulk.isPending} onAssign={assign} onClear={() => setSelected([])} />}
      {bulkResult && bulkResult.failed.length > 0 && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setBulkResult(null) }}
          title={`${resultText(bulkResult)} · ${t('bulk.failedTitle')}`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {bulkResult.failed.map((failure) => (
                <li key={failure.id}>{t('bulk.failedItem', { number: failure.number, message: failure.message })}</li>
              ))}
            </ul>
          }
        />
      )}

      {list.isError && !list.data ? (
        loadError
      ) : list.isPending ? (
        <Loading />
      ) : (
        <>
          {list.isError && loadError}
          <CaseTable
            items={items}
            users={usersById}
            loading={list.isPlaceholderData && list.isFetching}
            now={now}
            sort={filters.sort}
            onSort={(sort) => patchFilters({ sort })}
            focused={focused}
            onFocus={setFocused}
            selectable={canAssign}
            selected={selected}
            onSelect={setSelected}
            empty={empty}
          />
          {list.hasNextPage && (
            <Flex justify="center">
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('loadMore')}
              </Button>
            </Flex>
          )}
        </>
      )}
    </Flex>
  );
}
