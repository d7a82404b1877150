import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Flex, Input, Tag, Typography } from 'antd';
import { CommentOutlined, FormOutlined, NotificationOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { publicApi } from '../api/client';
import type { ArticleHit, Category, ProblemGroup } from '../api/types';
import { ArticleList } from '../components/ArticleList';
import { LinkButton } from '../components/LinkButton';
import { Shell } from '../components/Shell';
import { Loading, ProblemAlert } from '../components/states';
import { useTenantPath } from '../tenant';
import { usePortal } from '../usePortal';

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

const groupOrder: ProblemGroup[] = ['payment', 'refund', 'order', 'pos', 'other'];

export default function HomePage() {
  const { t } = useTranslation('home');
  const { t: tc } = useTranslation();
  const { t: tn } = useTranslation('newCase');
  const to = useTenantPath();
  const { tenant, portal, locale } = usePortal();
  const slug = tenant.slug ? encodeURIComponent(tenant.slug) : null;
  const [text, setText] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const q = useDebounced(text.trim(), 300);

  const search = useQuery({
    queryKey: ['kb-search', slug, q, locale],
    queryFn: ({ signal }) => publicApi<{ items: ArticleHit[] }>(`/${slug}/kb/articles`, { query: { q, locale, limit: 10 }, signal }),
    enabled: Boolean(slug && q),
  });
  const categories = useQuery({
    queryKey: ['kb-categories', slug, locale],
    queryFn: ({ signal }) => publicApi<Category[]>(`/${slug}/kb/categories`, { query: { locale }, signal }),
    enabled: Boolean(slug),
  });
  const articles = useQuery({
    queryKey: ['kb-list', slug, locale, category],
    queryFn: ({ signal }) => publicApi<{ items: ArticleHit[] }>(`/${slug}/kb/articles`, { query: { locale, category, limit: category ? 20 : 8 }, signal }),
    enabled: Boolean(slug),
  });

  if (tenant.error) return <Shell><ProblemAlert error={tenant.error} /></Shell>;
  if (tenant.loading) return <Shell><Loading /></Shell>;
  const info = portal.data;
  const problemsByGroup = groupOrder.map((group) => ({ group, items: (info?.problems ?? []).filter((problem) => problem.group === group) })).filter((entry) => entry.items.length > 0);
  const categoryList = Array.isArray(categories.data) ? categories.data : [];

  return (
    <Shell tenantName={info?.tenant.name}>
      <Flex vertical gap={16}>
        {info?.broadcasts.map((broadcast) => (
          <Alert key={broadcast.id} type="warning" showIcon icon={<NotificationOutlined aria-hidden />} title={t('broadcast')} description={broadcast.text} data-testid="broadcast" role="status" />
        ))}
        {portal.error ? <ProblemAlert error={portal.error} onRetry={() => void portal.refetch()} /> : null}

        <section style={{ textAlign: 'center', padding: '16px 0 4px' }}>
          <Typography.Title level={2} style={{ marginTop: 0, fontSize: 24 }}>
            {t('hero')}
          </Typography.Title>
          <Input
            size="large"
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            aria-label={t('searchLabel')}
            placeholder={t('searchPlaceholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            style={{ maxWidth: 640 }}
            type="search"
            enterKeyHint="search"
          />
          <Flex gap={8} justify="center" wrap style={{ marginTop: 16 }}>
            <LinkButton to={to('/new')} type="primary" size="large" icon={<FormOutlined aria-hidden />}>
              {tc('actions.getHelp')}
            </LinkButton>
            <LinkButton to={to('/chat')} size="large" icon={<CommentOutlined aria-hidden />}>
              {tc('actions.chat')}
            </LinkButton>
          </Flex>
        </section>

        {q ? (
          <Card title={t('results')} size="small" role="region" aria-label={t('results')} aria-live="polite">
            {search.isPending ? <Loading /> : search.error ? <ProblemAlert error={search.error} /> : search.data.items.length === 0 ? <Empty description={t('noResults')} /> : <ArticleList items={search.data.items} highlighted testId="search-results" />}
          </Card>
        ) : null}

        {categoryList.length > 0 ? (
          <Card title={t('categories')} size="small" role="region" aria-label={t('categories')}>
            <Flex wrap gap={8}>
              <Tag.CheckableTag checked={category === null} onChange={() => setCategory(null)}>{t('allCategories')}</Tag.CheckableTag>
              {categoryList.map((entry) => (
                <Tag.CheckableTag key={entry.category} checked={category === entry.category} onChange={(checked) => setCategory(checked ? entry.category : null)}>
                  {entry.label} · {t('categoryCount', { count: entry.count })}
                </Tag.CheckableTag>
              ))}
            </Flex>
          </Card>
        ) : null}

        <Card title={category ? categoryList.find((entry) => entry.category === category)?.label ?? category : t('popular')} size="small" role="region" aria-label={t('popular')}>
          {articles.isPending ? <Loading /> : articles.error ? <ProblemAlert error={articles.error} /> : articles.data.items.length === 0 ? <Empty description={t('noArticles')} /> : <ArticleList items={articles.data.items} testId="popular-articles" />}
        </Card>

        {problemsByGroup.length > 0 ? (
          <Card title={t('helpTitle')} size="small" role="region" aria-label={t('helpTitle')}>
            <Typography.Paragraph type="secondary">{t('helpText')}</Typography.Paragraph>
            <div className="pd-grid">
              {problemsByGroup.map(({ group, items }) => (
                <div key={group}>
                  <Typography.Text strong>{tn(`groups.${group}`)}</Typography.Text>
                  <Flex vertical gap={4} style={{ marginTop: 6 }}>
                    {items.map((problem) => (
                      <Link key={problem.category} to={to('/new', { category: problem.category })}>{problem.label}</Link>
                    ))}
                  </Flex>
                </div>
              ))}
            </div>
          </Card>
        ) : null}
      </Flex>
    </Shell>
  );
}
