import { useMemo, useState, type MouseEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Result, Segmented, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined, DislikeOutlined, FormOutlined, LikeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ProblemError, publicApi } from '../api/client';
import type { Article } from '../api/types';
import { ArticleList, articlePath } from '../components/ArticleList';
import { LinkButton } from '../components/LinkButton';
import { formatDate } from '../components/format';
import { safeArticleHtml } from '../components/safeHtml';
import { Shell } from '../components/Shell';
import { ProblemAlert } from '../components/states';
import { useTenantPath } from '../tenant';
import { usePortal } from '../usePortal';
import { myVote, rememberVote, voterId } from '../voter';

function Helpful({ article, slug }: { article: Article; slug: string }) {
  const { t } = useTranslation('article');
  const [voted, setVoted] = useState<boolean | null>(() => myVote(article.id));
  const [counts, setCounts] = useState({ helpful_yes: article.helpful_yes, helpful_no: article.helpful_no });
  const vote = useMutation({
    mutationFn: (helpful: boolean) => publicApi<{ helpful_yes: number; helpful_no: number }>(`/${slug}/kb/articles/${encodeURIComponent(article.id)}/votes`, { method: 'POST', body: { helpful, voter: voterId() } }),
    onSuccess: (result, helpful) => {
      setCounts(result);
      setVoted(helpful);
      rememberVote(article.id, helpful);
    },
  });
  return (
    <section aria-label={t('helpfulQuestion')} data-testid="helpful">
      <Flex align="center" gap={8} wrap>
        <Typography.Text strong>{t('helpfulQuestion')}</Typography.Text>
        <Button icon={<LikeOutlined aria-hidden />} type={voted === true ? 'primary' : 'default'} aria-pressed={voted === true} loading={vote.isPending && vote.variables === true} onClick={() => vote.mutate(true)}>
          {t('yes')}
        </Button>
        <Button icon={<DislikeOutlined aria-hidden />} type={voted === false ? 'primary' : 'default'} aria-pressed={voted === false} loading={vote.isPending && vote.variables === false} onClick={() => vote.mutate(false)}>
          {t('no')}
        </Button>
      </Flex>
      <div aria-live="polite" style={{ marginTop: 8 }}>
        {voted !== null && !vote.isPending ? <Typography.Text type="success" data-testid="vote-thanks">{t('thanks')}</Typography.Text> : null}{' '}
        {counts.helpful_yes > 0 ? <Typography.Text type="secondary" data-testid="helpful-count" data-count={counts.helpful_yes}>{t('counts', { count: counts.helpful_yes })}</Typography.Text> : null}
      </div>
      {vote.error ? <ProblemAlert error={vote.error} style={{ marginTop: 8 }} /> : null}
    </section>
  );
}

export default function ArticlePage() {
  const { t } = useTranslation('article');
  const { t: tc } = useTranslation();
  const { i18n } = useTranslation();
  const { slug: articleSlug = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const to = useTenantPath();
  const { tenant, portal, locale: pageLocale } = usePortal();
  const locale = params.get('locale') === 'en' || params.get('locale') === 'zh-CN' ? params.get('locale')! : pageLocale;
  const slug = tenant.slug ? encodeURIComponent(tenant.slug) : null;
  const article = useQuery({
    queryKey: ['kb-article', slug, articleSlug, locale],
    queryFn: ({ signal }) => publicApi<Article>(`/${slug}/kb/articles/${encodeURIComponent(articleSlug)}`, { query: { locale }, signal }),
    enabled: Boolean(slug),
    staleTime: 60_000,
  });
  const body = useMemo(() => (article.data ? safeArticleHtml(article.data.body_html) : ''), [article.data]);

  // Links between articles stay inside the page (no reload).
  const followLocalLinks = (event: MouseEvent<HTMLDivElement>) => {
    const anchor = (event.target as HTMLElement).closest('a');
    const href = anchor?.getAttribute('href') ?? '';
    if (anchor && href.startsWith('/portal/') && !event.metaKey && !event.ctrlKey) {
      event.preventDefault();
      navigate(to(href.slice('/portal'.length)));
    }
  };

  const tenantName = portal.data?.tenant.name;
  if (tenant.error) return <Shell><ProblemAlert error={tenant.error} /></Shell>;
  if (article.error instanceof ProblemError && article.error.status === 404) {
    return (
      <Shell tenantName={tenantName}>
        <Result status="404" title={t('notFound')} extra={<Link to={to('/')}>{tc('actions.home')}</Link>} />
      </Shell>
    );
  }
  const data = article.data;
  return (
    <Shell tenantName={tenantName}>
      <LinkButton to={to('/')} type="link" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInline: 0, marginBottom: 8 }}>
        {tc('nav.home')}
      </LinkButton>
      {article.error ? <ProblemAlert error={article.error} onRetry={() => void article.refetch()} /> : null}
      {!data ? (
        article.isPending ? <Card><Skeleton active paragraph={{ rows: 8 }} /></Card> : null
      ) : (
        <Flex vertical gap={16}>
          <Card>
            <article lang={data.locale} aria-labelledby="article-title">
              <Typography.Title level={1} id="article-title" style={{ fontSize: 24, marginTop: 0 }}>
                {data.title}
              </Typography.Title>
              <Flex align="center" justify="space-between" gap={8} wrap style={{ marginBottom: 16 }}>
                <Typography.Text type="secondary">{t('updated', { date: formatDate(data.updated_at, i18n.language) })}</Typography.Text>
                {data.translations.length > 0 ? (
                  <Segmented
                    size="small"
                    aria-label={t('translations')}
                    value={data.locale}
                    options={[{ label: data.locale === 'en' ? 'EN' : tc('nav.zh'), value: data.locale }, ...data.translations.map((other) => ({ label: other.locale === 'en' ? 'EN' : tc('nav.zh'), value: other.locale }))]}
                    onChange={(value) => {
                      const other = data.translations.find((entry) => entry.locale === value);
                      if (other) navigate(to(articlePath(other), { locale: other.locale }));
                    }}
                  />
                ) : null}
              </Flex>
              <div className="pd-article" data-testid="article-body" onClick={followLocalLinks} dangerouslySetInnerHTML={{ __html: body }} />
            </article>
          </Card>
          <Card>
            <Helpful key={data.id} article={data} slug={slug ?? ''} />
            <Flex align="center" gap={8} wrap style={{ marginTop: 16, paddingTop: 16, borderTop: '1px solid #f0f0f0' }}>
              <Typography.Text>{t('stuck')}</Typography.Text>
              <LinkButton to={to('/new', { category: data.category })} type="primary" icon={<FormOutlined aria-hidden />}>
                {t('stuckAction')}
              </LinkButton>
              <LinkButton to={to('/chat')}>{tc('actions.chat')}</LinkButton>
            </Flex>
          </Card>
          {data.related.length > 0 ? (
            <Card title={t('related')} size="small" role="region" aria-label={t('related')}>
              <ArticleList items={data.related} testId="related-articles" />
            </Card>
          ) : null}
        </Flex>
      )}
    </Shell>
  );
}
