// The knowledge base (/kb): search, filters and pages of articles; writing and editing in a drawer.
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Empty, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ExportOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { categories } from '../../api/domain';
import type { ArticleListItem, ArticleStatus, Category, Locale } from '../../api/types';
import { LoadError } from '../../components/states';
import { useFormat } from '../case/format';
import { useDebounced } from '../case/useDebounced';
import { ArticleDrawer } from './ArticleDrawer';
import { Highlighted } from './Highlighted';
import { useArticles, type ArticleFilters } from './queries';
import { articlePortalPath, portalUrl } from './safeHtml';
import { StatusTag } from './StatusTag';

/** Two lines of excerpt at most, whatever the column's width. */
const clamp: CSSProperties = { fontSize: 12, display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', overflowWrap: 'anywhere' };
const articleStatuses = ['draft', 'published', 'archived'] as const satisfies readonly ArticleStatus[];
const locales = ['zh-CN', 'en'] as const satisfies readonly Locale[];

function filtersFrom(params: URLSearchParams): ArticleFilters {
  const pick = <T extends string>(value: string | null, allowed: readonly T[]) => (allowed as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
  const q = params.get('q')?.trim().slice(0, 200);
  return { q: q || undefined, status: pick(params.get('status'), articleStatuses), locale: pick(params.get('locale'), locales), category: pick(params.get('category'), categories) };
}

export default function KbPage() {
  const { t } = useTranslation('kb');
  const { me, can } = useSession();
  const { time } = useFormat();
  const editable = can('admin', 'supervisor', 'agent');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const filterKey = JSON.stringify(filters);
  const opened = params.get('article');

  // Pages are cursor-based: the cursors of the pages visited so far, reset when the filters change.
  const [paging, setPaging] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: filterKey, cursors: [undefined] });
  const cursors = paging.key === filterKey ? paging.cursors : [undefined];
  const list = useArticles(filters, cursors.at(-1));

  const [typed, setTyped] = useState(filters.q ?? '');
  const [settled] = useDebounced(typed, 400);
  const setParam = (key: string, value: string | undefined | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key === 'q' },
    );
  useEffect(() => {
    if ((settled.trim() || undefined) !== filters.q) setParam('q', settled.trim());
    // Only a settled change of the search box writes the URL.
  }, [settled]);

  const items = list.data?.items ?? [];
  const filtered = Boolean(filters.q || filters.status || filters.locale || filters.category);
  const portalLink = (item: ArticleListItem) => portalUrl(articlePortalPath(item.slug, item.locale), me.tenant.slug);

  const columns: TableColumnsType<ArticleListItem> = [
    {
      key: 'title',
      title: t('column.title'),
      render: (_, item) => (
        <Flex vertical gap={2}>
          <Typography.Link onClick={() => setParam('article', item.id)} data-testid="kb-title">
            {item.highlight ? <Highlighted html={item.highlight.title} /> : item.title}
          </Typography.Link>
          {item.highlight ? (
            <Highlighted html={item.highlight.snippet} style={{ ...clamp, color: 'rgba(0,0,0,0.55)' }} testId="kb-snippet" />
          ) : (
            <span style={{ ...clamp, color: 'rgba(0,0,0,0.45)' }}>{item.excerpt}</span>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 11 }} code>
            {item.slug}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'category',
      title: t('column.category'),
      responsive: ['lg'],
      width: 150,
      render: (_, item) => (item.category ? t(`domain:category.${item.category}`, { defaultValue: item.category }) : <Typography.Text type="secondary">{t('noCategory')}</Typography.Text>),
    },
    { key: 'locale', title: t('column.locale'), width: 72, responsive: ['md'], render: (_, item) => <Tag variant="filled">{t(`locale.${item.locale}`)}</Tag> },
    { key: 'status', title: t('column.status'), width: 90, render: (_, item) => <StatusTag status={item.status} /> },
    { key: 'version', title: t('column.version'), width: 64, responsive: ['md'], render: (_, item) => t('versionShort', { version: item.version }) },
    { key: 'helpful', title: t('column.helpful'), width: 120, responsive: ['xxl'], render: (_, item) => t('helpfulCount', { yes: item.helpful_yes, no: item.helpful_no }) },
    { key: 'updated', title: t('column.updated'), width: 150, responsive: ['xl'], render: (_, item) => time(item.updated_at) },
    {
      key: 'actions',
      title: t('column.actions'),
      width: 110,
      render: (_, item) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setParam('article', item.id)} aria-label={`${editable ? t('actions.edit') : t('actions.open')} ${item.title}`}>
            {editable ? t('actions.edit') : t('actions.open')}
          </Button>
          {item.status === 'published' && (
            <Tooltip title={t('actions.viewOnPortal')}>
              <Button size="small" icon={<ExportOutlined />} href={portalLink(item)} target="_blank" rel="noopener noreferrer" aria-label={`${t('actions.viewOnPortal')}: ${item.title}`} />
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  const empty = filtered ? (
    <Empty description={t('empty.noMatch')} />
  ) : (
    <Empty description={<Flex vertical gap={4} style={{ maxWidth: 520, margin: '0 auto' }}><Typography.Text strong>{t('empty.title')}</Typography.Text><Typography.Text type="secondary">{t('empty.body')}</Typography.Text></Flex>} data-testid="kb-empty">
      {editable && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setParam('article', 'new')}>
          {t('empty.create')}
        </Button>
      )}
    </Empty>
  );

  return (
    <Flex vertical gap={16} data-testid="kb-page">
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('intro')}</Typography.Text>
        </div>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setParam('article', 'new')} data-testid="kb-new">
            {t('actions.create')}
          </Button>
        )}
      </Flex>
      {!editable && <Alert type="info" showIcon title={t('viewOnly')} />}
      <Card size="small">
        <Flex wrap gap={8}>
          <Input.Search
            aria-label={t('search.label')}
            placeholder={t('search.placeholder')}
            allowClear
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            onSearch={(value) => setParam('q', value.trim())}
            style={{ flex: '1 1 280px', maxWidth: 480 }}
            maxLength={200}
          />
          <Select<ArticleStatus | ''>
            aria-label={t('filter.status')}
            style={{ width: 170 }}
            value={filters.status ?? ''}
            onChange={(value) => setParam('status', value)}
            options={[{ value: '', label: t('filter.anyStatus') }, ...articleStatuses.map((status) => ({ value: status, label: t(`status.${status}`) }))]}
          />
          <Select<Locale | ''>
            aria-label={t('filter.locale')}
            style={{ width: 130 }}
            value={filters.locale ?? ''}
            onChange={(value) => setParam('locale', value)}
            options={[{ value: '', label: t('filter.anyLocale') }, ...locales.map((locale) => ({ value: locale, label: t(`locale.${locale}`) }))]}
          />
          <Select<Category | ''>
            aria-label={t('filter.category')}
            style={{ width: 220 }}
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.category ?? ''}
            onChange={(value) => setParam('category', value)}
            options={[{ value: '', label: t('filter.anyCategory') }, ...categories.map((category) => ({ value: category, label: t(`domain:category.${category}`, { defaultValue: category }) }))]}
          />
        </Flex>
      </Card>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ArticleListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          locale={{ emptyText: list.isLoading ? ' ' : empty }}
          data-testid="kb-table"
          tableLayout="fixed"
        />
      )}
      {(cursors.length > 1 || list.data?.next_cursor) && (
        <Flex justify="flex-end" align="center" gap={8}>
          <Button disabled={cursors.length <= 1} onClick={() => setPaging({ key: filterKey, cursors: cursors.slice(0, -1) })}>
            {t('actions.previous')}
          </Button>
          <Typography.Text>{t('pageOf', { page: cursors.length })}</Typography.Text>
          <Button disabled={!list.data?.next_cursor} onClick={() => list.data?.next_cursor && setPaging({ key: filterKey, cursors: [...cursors, list.data.next_cursor] })}>
            {t('actions.next')}
          </Button>
        </Flex>
      )}
      {opened && (
        <ArticleDrawer
          key={opened === 'new' ? 'new' : opened}
          articleId={opened}
          editable={editable}
          onClose={() => setParam('article', null)}
          onCreated={(id) => setParam('article', id)}
        />
      )}
    </Flex>
  );
}
