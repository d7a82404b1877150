import { useState, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Descriptions, Flex, Input, InputNumber, Radio, Tag, Typography } from 'antd';
import { WechatOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Case, Complaint, PlatformAction, RefundDecisionBody, TimelineItem } from '../../api/types';
import { formatMoney } from '../../components/tags';
import { ClockRow, sortClocks } from './ClocksPanel';
import { useInvalidateCase, type useComplaint } from './data';
import { ifGiven, newKey, problemText, useFormat } from './format';
import { FormField } from './FormField';
import { PanelTitle, QueryPanel } from './Panel';

const platformClocks = new Set(['platform_reply', 'platform_complete', 'platform_72h']);
const stateColor: Record<string, string> = { PENDING: 'orange', PROCESSING: 'processing', PROCESSED: 'success' };
const actionColor: Record<PlatformAction['state'], string> = { pending: 'processing', delivered: 'success', failed: 'error' };

function RefundDecision({ item, complaint, editable }: { item: Case; complaint: Complaint; editable: boolean }) {
  const { t } = useTranslation('case');
  const { message } = App.useApp();
  const invalidate = useInvalidateCase(item.id);
  const [action, setAction] = useState<'APPROVE' | 'REJECT'>('APPROVE');
  const [days, setDays] = useState<number | null>(0);
  const [rejectReason, setRejectReason] = useState('');
  const [remark, setRemark] = useState('');
  const [touched, setTouched] = useState(false);
  const decide = useMutation({
    mutationFn: (body: RefundDecisionBody) => api<PlatformAction>(`/cases/${item.id}/refund-decision`, { method: 'POST', body, idempotencyKey: newKey() }),
    onSuccess: () => {
      void message.success(t('wechatpay.submitted'));
      setRejectReason('');
      setRemark('');
      setTouched(false);
    },
    onSettled: invalidate,
  });
  const locked = !editable || (complaint.state === 'PROCESSED' && complaint.withdrawn_at !== null);
  const submit = () => {
    setTouched(true);
    if (action === 'REJECT' && !rejectReason.trim()) return;
    const body: RefundDecisionBody = action === 'APPROVE' ? { action, launch_refund_day: days ?? 0, ...ifGiven('remark', remark) } : { action, reject_reason: rejectReason.trim(), ...ifGiven('remark', remark) };
    decide.mutate(body);
  };
  return (
    <Flex vertical gap={8} data-testid="refund-decision">
      <Radio.Group
        aria-label={t('wechatpay.action')}
        value={action}
        onChange={(event) => setAction(event.target.value as 'APPROVE' | 'REJECT')}
        disabled={locked}
        options={[
          { value: 'APPROVE', label: t('wechatpay.approve') },
          { value: 'REJECT', label: t('wechatpay.reject') },
        ]}
      />
      {action === 'APPROVE' ? (
        <FormField id="refund-days" label={t('wechatpay.launchDays')}>
          {(control) => <InputNumber {...control} min={0} max={365} value={days} onChange={setDays} disabled={locked} />}
        </FormField>
      ) : (
        <FormField id="refund-reject-reason" label={t('wechatpay.rejectReason')} error={touched && !rejectReason.trim() && t('wechatpay.rejectReasonRequired')}>
          {(control) => <Input.TextArea {...control} maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} value={rejectReason} onChange={(event) => setRejectReason(event.target.value)} disabled={locked} />}
        </FormField>
      )}
      <FormField id="refund-remark" label={t('wechatpay.remark')}>
        {(control) => <Input {...control} maxLength={200} value={remark} onChange={(event) => setRemark(event.target.value)} disabled={locked} />}
      </FormField>
      {decide.isError && <Alert type="error" showIcon title={problemText(decide.error)} />}
      <Button type="primary" onClick={submit} loading={decide.isPending} disabled={locked} style={{ alignSelf: 'flex-start' }}>
        {t('wechatpay.submit')}
      </Button>
    </Flex>
  );
}

function ComplaintCard({ item, view, events, title, editable }: { item: Case; view: Complaint; events: TimelineItem[]; title: ReactNode; editable: boolean }) {
  const { t } = useTranslation('case');
  const { language, time } = useFormat();
  const maxAttempts = view.close_attempts + view.close_attempts_left;
  const history = events.filter((event) => event.type === 'wechatpay.history');
  const clocks = sortClocks(item.clocks.filter((clock) => platformClocks.has(clock.name)));
  const facts = [
    { key: 'id', label: t('wechatpay.complaintId'), children: <Typography.Text copyable style={{ wordBreak: 'break-all' }}>{view.complaint_id}</Typography.Text> },
    { key: 'state', label: t('wechatpay.state'), children: <Tag color={stateColor[view.state] ?? 'default'} data-testid="complaint-state">{t(`wechatpay.states.${view.state}`, { defaultValue: view.state })}</Tag> },
    ...(view.problem_type ? [{ key: 'type', label: t('wechatpay.problemType'), children: t(`wechatpay.problemTypes.${view.problem_type}`, { defaultValue: view.problem_type }) }] : []),
    { key: 'time', label: t('wechatpay.complaintTime'), children: time(view.complaint_time) },
    { key: 'times', label: t('wechatpay.userTimes'), children: view.user_complaint_times },
    ...(view.apply_refund_amount !== null ? [{ key: 'refund', label: t('wechatpay.applyRefund'), children: formatMoney(view.apply_refund_amount, 'CNY', language) }] : []),
    ...(view.payer_phone ? [{ key: 'phone', label: t('wechatpay.payerPhone'), children: view.payer_phone }] : []),
    { key: 'refunded', label: t('wechatpay.refund'), children: view.full_refunded ? <Tag color="success">{t('wechatpay.fullRefunded')}</Tag> : t('wechatpay.notRefunded') },
    ...(view.refund_decision ? [{ key: 'decision', label: t('wechatpay.refundDecision'), children: t(`wechatpay.decision.${view.refund_decision}`, { defaultValue: view.refund_decision }) }] : []),
    ...(view.withdrawn_at ? [{ key: 'withdrawn', label: t('wechatpay.withdrawn'), children: time(view.withdrawn_at) }] : []),
    ...(view.platform_service ? [{ key: 'service', label: t('wechatpay.platformService'), children: view.platform_service }] : []),
    {
      key: 'attempts',
      label: t('wechatpay.closeAttempts'),
      children: (
        <Typography.Text type={view.close_attempts_left === 0 ? 'danger' : undefined} data-testid="close-attempts">
          {t('wechatpay.closeAttemptsValue', { used: view.close_attempts, max: maxAttempts, left: view.close_attempts_left })}
        </Typography.Text>
      ),
    },
  ];
  const sections = [
    {
      key: 'history',
      label: `${t('wechatpay.history')} (${history.length})`,
      children:
        history.length === 0 ? (
          <Typography.Text type="secondary">{t('wechatpay.historyEmpty')}</Typography.Text>
        ) : (
          <Flex vertical gap={6}>
            {history.map((event) => {
              const operate = typeof event.payload.operate_type === 'string' ? event.payload.operate_type : '';
              const at = typeof event.payload.at === 'string' ? event.payload.at : event.at;
              const details = typeof event.payload.details === 'string' ? event.payload.details : '';
              return (
                <div key={event.seq}>
                  <Typography.Text strong>{t(`wechatpay.operate.${operate}`, { defaultValue: operate })}</Typography.Text>{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {time(at)}
                  </Typography.Text>
                  {details && <Typography.Paragraph style={{ margin: 0 }}>{details}</Typography.Paragraph>}
                </div>
              );
            })}
          </Flex>
        ),
    },
    ...(view.actions.length > 0
      ? [
          {
            key: 'actions',
            label: `${t('wechatpay.actions')} (${view.actions.length})`,
            children: (
              <Flex vertical gap={6}>
                {view.actions.map((action) => (
                  <div key={action.id}>
                    <Typography.Text strong>{t(`wechatpay.actionKind.${action.kind}`)}</Typography.Text> <Tag color={actionColor[action.state]}>{t(`wechatpay.actionState.${action.state}`)}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {time(action.created_at)} · {t('wechatpay.attempts', { count: action.attempts })}
                    </Typography.Text>
                    {action.last_error && <Typography.Paragraph type="danger" style={{ margin: 0 }}>{action.last_error}</Typography.Paragraph>}
                  </div>
                ))}
              </Flex>
            ),
          },
        ]
      : []),
    ...(editable ? [{ key: 'refund', label: t('wechatpay.refundForm'), children: <RefundDecision item={item} complaint={view} editable={editable} /> }] : []),
  ];
  return (
    <Card size="small" title={title} data-testid="wechatpay-panel" style={{ borderColor: '#b7eb8f' }}>
      {view.unsatisfied && <Alert type="error" showIcon title={t('wechatpay.unsatisfied')} style={{ marginBottom: 8 }} />}
      <Descriptions size="small" column={1} items={facts} />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
        {t('wechatpay.criteria')}
      </Typography.Text>
      <Flex wrap gap={4} style={{ marginTop: 4 }}>
        {(['full_refund', 'user_withdrew', 'agreement_recorded'] as const).map((criterion) => (
          <Tag key={criterion} color={view.completion_criteria[criterion] ? 'success' : 'default'}>
            {t(`wechatpay.criterion.${criterion}`)}: {view.completion_criteria[criterion] ? t('wechatpay.met') : t('wechatpay.notMet')}
          </Tag>
        ))}
      </Flex>
      {clocks.length > 0 && (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
            {t('wechatpay.clocks')}
          </Typography.Text>
          {clocks.map((clock) => (
            <ClockRow key={clock.name} clock={clock} />
          ))}
        </>
      )}
      {editable && <Alert type="info" style={{ marginTop: 8 }} title={t('wechatpay.replyHint')} />}
      <Collapse size="small" ghost style={{ marginTop: 4 }} items={sections} />
    </Card>
  );
}

export function WechatPayPanel({ item, complaint, events, editable }: { item: Case; complaint: ReturnType<typeof useComplaint>; events: TimelineItem[]; editable: boolean }) {
  const { t } = useTranslation('case');
  const title = <PanelTitle icon={<WechatOutlined style={{ color: '#07c160' }} />}>{t('wechatpay.title')}</PanelTitle>;
  return (
    <QueryPanel title={title} query={complaint}>
      {(view) => <ComplaintCard item={item} view={view} events={events} title={title} editable={editable} />}
    </QueryPanel>
  );
}
