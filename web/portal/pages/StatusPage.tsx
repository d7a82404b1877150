import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Rate, Result, Skeleton, Typography, Upload } from 'antd';
import { CopyOutlined, PaperClipOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ProblemError, problemMessage, publicApi, publicUrl, uploadFile } from '../api/client';
import type { CaseView, PortalAttachment } from '../api/types';
import { articlePath } from '../components/ArticleList';
import { Bubble } from '../components/Conversation';
import { formatDate, formatDateTime, formatSize } from '../components/format';
import { Linkified } from '../components/Linkified';
import { LinkButton } from '../components/LinkButton';
import { Shell } from '../components/Shell';
import { ProblemAlert } from '../components/states';
import { StatusTag } from '../components/StatusTag';
import { acceptAttribute, maxUploadMegabytes, uploadProblem } from '../components/uploads';
import { useTenantPath } from '../tenant';
import type { JustCreated } from './NewCasePage';

function CopyLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Flex gap={8} align="center" style={{ width: '100%' }}>
      <Input readOnly value={url} aria-label={t('statusPage:linkLabel')} data-testid="status-link" onFocus={(event) => event.target.select()} />
      <Button
        icon={<CopyOutlined aria-hidden />}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(url);
            void message.success(t('actions.copied'));
          } catch {
            // clipboard refused (insecure origin or permissions): the field stays selectable
          }
        }}
      >
        {t('actions.copy')}
      </Button>
    </Flex>
  );
}

/** Shown once, right after the guided form: the number, the link to keep, the bot's first answer. */
function JustOpened({ state }: { state: JustCreated }) {
  const { t, i18n } = useTranslation('statusPage');
  const to = useTenantPath();
  const { created, uploadErrors } = state;
  return (
    <Card data-testid="case-created" style={{ borderColor: '#b7eb8f', background: '#f6ffed' }}>
      <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }} data-testid="case-number">
        {t('created', { number: created.case_number })}
      </Typography.Title>
      <Typography.Paragraph>{t('linkHint', { date: formatDate(created.expires_at, i18n.language) })}</Typography.Paragraph>
      <CopyLink url={created.status_url} />
      {uploadErrors.map((error) => (
        <Alert key={error} type="warning" showIcon title={error} style={{ marginTop: 8 }} />
      ))}
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>{t('answer')}</Typography.Title>
      <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7 }} data-testid="bot-answer">
        <Linkified text={created.answer.text} />
      </div>
      {created.answer.article ? (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {t('suggested')}: <Link to={to(articlePath(created.answer.article), { locale: created.answer.article.locale })} data-testid="answer-article">{created.answer.article.title}</Link>
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

function Attachments({ token, items }: { token: string; items: PortalAttachment[] }) {
  const { t } = useTranslation('statusPage');
  if (items.length === 0) return <Typography.Text type="secondary">{t('noAttachments')}</Typography.Text>;
  return (
    <Flex vertical gap={6} data-testid="attachments">
      {items.map((item) => (
        <a key={item.id} href={publicUrl(`/portal/status/${encodeURIComponent(token)}/attachments/${encodeURIComponent(item.id)}`)} download={item.filename} data-testid="attachment">
          <PaperClipOutlined aria-hidden /> {item.filename} <Typography.Text type="secondary">({formatSize(item.size)})</Typography.Text>
        </a>
      ))}
    </Flex>
  );
}

function Reply({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation('statusPage');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [body, setBody] = useState('');
  const [uploadError, setUploadError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (text: string) => publicApi(`/portal/status/${encodeURIComponent(token)}/messages`, { method: 'POST', body: { body: text } }),
    onSuccess: () => {
      setBody('');
      void message.success(t('replySent'));
      onDone();
    },
  });
  return (
    <section>
      <Input.TextArea value={body} onChange={(event) => setBody(event.target.value)} rows={3} maxLength={4000} aria-label={t('reply')} placeholder={t('replyPlaceholder')} />
      <Flex gap={8} justify="space-between" wrap style={{ marginTop: 8 }}>
        <Upload
          accept={acceptAttribute}
          showUploadList={false}
          multiple
          beforeUpload={(file) => {
            const problem = uploadProblem(file, tc);
            setUploadError(problem);
            return problem ? Upload.LIST_IGNORE : true;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            const chosen = file as File;
            uploadFile(`/portal/status/${encodeURIComponent(token)}/attachments`, chosen, chosen.name).then(
              (result) => {
                onSuccess?.(result);
                void message.success(t('uploaded', { name: chosen.name }));
                onDone();
              },
              (error: unknown) => {
                setUploadError(`${chosen.name}: ${problemMessage(error, tc('state.network'))}`);
                onError?.(error instanceof Error ? error : new Error(String(error)));
              },
            );
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />}>{t('addFiles')}</Button>
        </Upload>
        <Button type="primary" icon={<SendOutlined aria-hidden />} disabled={!body.trim()} loading={send.isPending} onClick={() => send.mutate(body.trim())}>
          {tc('actions.send')}
        </Button>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tc('upload.hint', { size: maxUploadMegabytes })}</Typography.Text>
      {uploadError ? <Alert type="error" showIcon title={uploadError} style={{ marginTop: 8 }} /> : null}
      {send.error ? <ProblemAlert error={send.error} style={{ marginTop: 8 }} /> : null}
    </section>
  );
}

function Satisfaction({ token, view, onDone }: { token: string; view: CaseView; onDone: () => void }) {
  const { t } = useTranslation('statusPage');
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const rate = useMutation({
    mutationFn: () => publicApi(`/portal/status/${encodeURIComponent(token)}/csat`, { method: 'POST', body: { score, ...(comment.trim() ? { comment: comment.trim() } : {}) } }),
    onSuccess: onDone,
  });
  if (view.csat) {
    return (
      <Card data-testid="csat-thanks" style={{ background: '#f6ffed', borderColor: '#b7eb8f' }}>
        <Typography.Title level={3} style={{ fontSize: 16, marginTop: 0 }}>{t('thanks')}</Typography.Title>
        <Flex align="center" gap={8}>
          <Rate disabled value={view.csat.score} aria-label={t('yourRating', { score: view.csat.score })} />
          <Typography.Text>{t('yourRating', { score: view.csat.score })}</Typography.Text>
        </Flex>
        {view.csat.comment ? <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-wrap' }}>{view.csat.comment}</Typography.Paragraph> : null}
      </Card>
    );
  }
  if (!view.can_rate) return null;
  const stars = [1, 2, 3, 4, 5].map((value) => t(`stars.${value}`));
  return (
    <Card title={t('rateTitle')} data-testid="csat-form">
      <Flex vertical gap={12}>
        <Rate value={score} onChange={(value) => { setScore(value); setMissing(false); }} tooltips={stars} aria-label={t('rateLabel')} style={{ fontSize: 32 }} />
        {score > 0 ? <Typography.Text type="secondary">{stars[score - 1]}</Typography.Text> : null}
        {missing ? <Typography.Text type="danger" role="alert">{t('rateNeeded')}</Typography.Text> : null}
        <Input.TextArea value={comment} onChange={(event) => setComment(event.target.value)} rows={3} maxLength={2000} aria-label={t('rateComment')} placeholder={t('rateComment')} />
        {rate.error ? <ProblemAlert error={rate.error} /> : null}
        <Button type="primary" loading={rate.isPending} onClick={() => (score > 0 ? rate.mutate() : setMissing(true))} style={{ alignSelf: 'flex-start' }}>
          {t('rateSubmit')}
        </Button>
      </Flex>
    </Card>
  );
}

export default function StatusPage() {
  const { t, i18n } = useTranslation('statusPage');
  const { t: tc } = useTranslation();
  const { token = '' } = useParams();
  const location = useLocation();
  const justCreated = (location.state as JustCreated | null)?.created ? (location.state as JustCreated) : null;
  const queryClient = useQueryClient();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const queryKey = ['portal-status', token, locale];
  const status = useQuery({
    queryKey,
    queryFn: ({ signal }) => publicApi<CaseView>(`/portal/status/${encodeURIComponent(token)}`, { query: { locale }, signal }),
    refetchInterval: (query) => (query.state.error instanceof ProblemError && query.state.error.status < 500 ? false : 10_000),
    refetchIntervalInBackground: false,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['portal-status', token] });
  const view = status.data;
  const home = view?.tenant ? `/?tenant=${encodeURIComponent(view.tenant.slug)}` : '/';

  if (status.error instanceof ProblemError && (status.error.status === 404 || status.error.status === 410)) {
    const gone = status.error.status === 410;
    return (
      <Shell>
        <Result
          status={gone ? 'warning' : '404'}
          title={gone ? t('goneTitle') : t('invalidTitle')}
          subTitle={
            <span data-testid={gone ? 'link-gone' : 'link-invalid'}>
              {gone ? t('goneText') : t('invalidText')}
              {status.error.detail ? <><br />{status.error.detail}</> : null}
            </span>
          }
          extra={
            <Flex gap={8} justify="center" wrap>
              <LinkButton to="/chat" type="primary">{tc('actions.chat')}</LinkButton>
              <LinkButton to="/">{tc('actions.home')}</LinkButton>
            </Flex>
          }
        />
      </Shell>
    );
  }

  return (
    <Shell tenantName={view?.tenant?.name}>
      <Flex vertical gap={16}>
        {justCreated ? <JustOpened state={justCreated} /> : null}
        {status.error ? <ProblemAlert error={status.error} onRetry={() => void status.refetch()} /> : null}
        {!view ? (
          status.isPending ? <Card><Skeleton active /></Card> : null
        ) : (
          <>
            <Card>
              <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
                <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }} data-testid="status-title">
                  {t('title', { number: view.case.number })}
                </Typography.Title>
                <StatusTag status={view.case.status} />
              </Flex>
              {view.case.subject ? <Typography.Paragraph strong>{view.case.subject}</Typography.Paragraph> : null}
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                items={[
                  { key: 'category', label: t('category'), children: view.case.category_label ?? view.case.category ?? '—' },
                  { key: 'created', label: t('createdAt'), children: formatDateTime(view.case.created_at, i18n.language) },
                  { key: 'updated', label: t('updatedAt'), children: formatDateTime(view.case.updated_at, i18n.language) },
                  ...(view.case.resolution ? [{ key: 'resolution', label: t('resolution'), children: tc(`resolution.${view.case.resolution}`, { defaultValue: view.case.resolution }) }] : []),
                ]}
              />
            </Card>
            <Satisfaction token={token} view={view} onDone={refresh} />
            <Card title={t('conversation')} role="region" aria-label={t('conversation')}>
              <div data-testid="conversation" aria-live="polite">
                {view.messages.length === 0 ? <Typography.Text type="secondary">{t('noMessages')}</Typography.Text> : null}
                {view.messages.map((entry) => (
                  <Bubble key={entry.id} from={entry.from} name={entry.author_name} body={entry.body} at={entry.created_at} />
                ))}
              </div>
              <div style={{ marginTop: 16 }}>
                <Reply token={token} onDone={refresh} />
              </div>
            </Card>
            <Card title={t('attachments')} size="small" role="region" aria-label={t('attachments')}>
              <Attachments token={token} items={view.attachments} />
            </Card>
            <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
              {t('expires', { date: formatDate(view.expires_at, i18n.language) })} {t('refreshing')}
            </Typography.Text>
            <Link to={home} style={{ textAlign: 'center' }}>{tc('actions.home')}</Link>
          </>
        )}
      </Flex>
    </Shell>
  );
}
