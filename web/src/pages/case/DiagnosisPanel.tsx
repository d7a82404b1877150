import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Flex, Progress, Space, Tag, Typography } from 'antd';
import { ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Case, Customer, Diagnosis, Message } from '../../api/types';
import { useSession } from '../../api/session';
import { LoadError, Loading } from '../../components/states';
import { CategoryLabel } from '../../components/tags';
import { useUpdateCase, type usePlaybook } from './data';
import { problemText, useFormat } from './format';
import { fillTemplate, templateValues } from './template';
import { PanelTitle } from './Panel';

/** What diagnosis reads again: the subject, the description and the customer's latest words. */
function diagnosisText(item: Case, messages: Message[]): string {
  const latest = [...messages].reverse().find((message) => message.direction === 'inbound');
  return [item.subject, item.description, latest?.body].filter((part): part is string => Boolean(part && part.trim())).join('\n').slice(0, 20000);
}

function Rediagnosis({ item, result, editable, onInsert }: { item: Case; result: Diagnosis; editable: boolean; onInsert: (text: string) => void }) {
  const { t } = useTranslation('case');
  const { message } = App.useApp();
  const update = useUpdateCase(item.id);
  return (
    <Alert
      style={{ marginTop: 12 }}
      type="info"
      data-testid="rediagnosis"
      title={
        <Space wrap>
          {t('diagnosis.result')}
          <Tag color="blue">
            <CategoryLabel category={result.category} />
          </Tag>
          {t('diagnosis.confidence', { percent: Math.round(result.confidence * 100) })}
        </Space>
      }
      description={
        <Flex vertical gap={4}>
          {result.matched_code && <Typography.Text>{t('diagnosis.matchedCode', { scheme: result.matched_code.scheme, code: result.matched_code.code })}</Typography.Text>}
          {result.explanation && <Typography.Text>{result.explanation}</Typography.Text>}
          {result.matched_code?.retry_advice && <Typography.Text type="secondary">{t('diagnosis.retryAdvice', { advice: result.matched_code.retry_advice })}</Typography.Text>}
          <Space wrap>
            {result.category === item.category ? (
              <Typography.Text type="secondary">{t('diagnosis.sameCategory')}</Typography.Text>
            ) : (
              editable && (
                <Button size="small" loading={update.isPending} onClick={() => update.mutate({ category: result.category }, { onSuccess: () => void message.success(t('diagnosis.applied')), onError: (error) => void message.error(problemText(error)) })}>
                  {t('diagnosis.apply')}
                </Button>
              )
            )}
            {editable && result.reply_template && (
              <Button size="small" onClick={() => onInsert(result.reply_template ?? '')}>
                {t('diagnosis.insert')}
              </Button>
            )}
          </Space>
        </Flex>
      }
    />
  );
}

export function DiagnosisPanel(props: { item: Case; playbook: ReturnType<typeof usePlaybook>; messages: Message[]; customer: Customer | undefined; editable: boolean; onInsert: (text: string) => void }) {
  const { item, playbook, messages, customer, editable, onInsert } = props;
  const { t } = useTranslation('case');
  const { language } = useFormat();
  const { me } = useSession();
  const rediagnose = useMutation({
    mutationFn: () => api<Diagnosis>('/diagnose', { method: 'POST', body: { text: diagnosisText(item, messages), ...(item.refs.error_code ? { error_code: item.refs.error_code } : {}), locale: language } }),
  });
  const book = playbook.data;
  const labels = new Map((book?.required_info ?? []).map((info) => [info.key, info.label[language]]));
  const missing = item.triage.missing_info;
  const firstReply = book?.reply_templates[0];
  const suggested = firstReply ? fillTemplate(firstReply.text[language], templateValues(item, customer, me.name)) : null;

  const sections = book
    ? [
        {
          key: 'missing',
          label: `${t('diagnosis.missing')} (${missing.length})`,
          children:
            missing.length === 0 ? (
              <Typography.Text type="success">{t('diagnosis.missingNone')}</Typography.Text>
            ) : (
              <Flex wrap gap={4} data-testid="missing-info">
                {missing.map((key) => (
                  <Tag key={key} color="orange">
                    {labels.get(key) ?? key}
                  </Tag>
                ))}
              </Flex>
            ),
        },
        {
          key: 'steps',
          label: t('diagnosis.steps'),
          children: (
            <ol style={{ margin: 0, paddingInlineStart: 18 }}>
              {book.steps[language].map((step, index) => (
                <li key={index} style={{ marginBottom: 4 }}>
                  {step}
                </li>
              ))}
            </ol>
          ),
        },
        ...(suggested
          ? [
              {
                key: 'reply',
                label: t('diagnosis.suggested'),
                children: (
                  <Flex vertical gap={6}>
                    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 5, expandable: 'collapsible' }}>
                      {suggested}
                    </Typography.Paragraph>
                    {editable && (
                      <Button size="small" style={{ alignSelf: 'flex-start' }} onClick={() => onInsert(suggested)} data-testid="insert-suggested">
                        {t('diagnosis.insert')}
                      </Button>
                    )}
                  </Flex>
                ),
              },
            ]
          : []),
        {
          key: 'escalation',
          label: t('diagnosis.escalation'),
          children: (
            <Flex vertical gap={6}>
              <Tag color={book.resolvable_remotely ? 'green' : 'volcano'} style={{ alignSelf: 'flex-start' }}>
                {book.resolvable_remotely ? t('diagnosis.remote') : t('diagnosis.notRemote')}
              </Tag>
              {book.escalation.map((rule, index) => (
                <div key={index}>
                  <Typography.Text>{rule.when[language]}</Typography.Text>{' '}
                  <Tag color="purple">{t('diagnosis.escalateTo', { team: rule.to })}</Tag>
                  {rule.incident && <Tag color="red">{t('diagnosis.incident')}</Tag>}
                </div>
              ))}
            </Flex>
          ),
        },
      ]
    : [];

  return (
    <Card
      size="small"
      title={<PanelTitle icon={<ExperimentOutlined />}>{t('diagnosis.title')}</PanelTitle>}
      extra={
        <Button size="small" icon={<ReloadOutlined />} loading={rediagnose.isPending} onClick={() => rediagnose.mutate()} title={t('diagnosis.rediagnoseHint')}>
          {t('diagnosis.rediagnose')}
        </Button>
      }
      data-testid="diagnosis-panel"
    >
      <Flex vertical gap={4}>
        <Space wrap>
          <Typography.Text type="secondary">{t('diagnosis.category')}</Typography.Text>
          <Typography.Text strong>
            <CategoryLabel category={item.category} />
          </Typography.Text>
          <Tag>{item.category_source === 'auto' ? t('diagnosis.sourceAuto') : t('diagnosis.sourceManual')}</Tag>
        </Space>
        {item.category_confidence !== null && (
          <Flex align="center" gap={8}>
            <Progress percent={Math.round(item.category_confidence * 100)} size="small" style={{ flex: 1, margin: 0 }} showInfo={false} aria-label={t('diagnosis.confidence', { percent: Math.round(item.category_confidence * 100) })} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('diagnosis.confidence', { percent: Math.round(item.category_confidence * 100) })}
            </Typography.Text>
          </Flex>
        )}
      </Flex>
      {rediagnose.isError && <Alert style={{ marginTop: 8 }} type="error" showIcon title={problemText(rediagnose.error)} />}
      {rediagnose.data && <Rediagnosis item={item} result={rediagnose.data} editable={editable} onInsert={onInsert} />}
      {playbook.isLoading ? (
        <Loading />
      ) : playbook.isError ? (
        <LoadError error={playbook.error} onRetry={() => void playbook.refetch()} />
      ) : book ? (
        <Collapse size="small" ghost style={{ marginTop: 8 }} defaultActiveKey={['missing', 'steps', 'reply']} items={sections} />
      ) : (
        <Typography.Text type="secondary">{t('diagnosis.playbookMissing')}</Typography.Text>
      )}
    </Card>
  );
}
