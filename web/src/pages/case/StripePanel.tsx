import { useState, type ChangeEvent, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Collapse, Descriptions, Flex, Input, Tag, Typography } from 'antd';
import { CreditCardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Case, Dispute, EvidenceBody } from '../../api/types';
import { DeadlineTag } from '../../components/clock';
import { formatMoney } from '../../components/tags';
import { useInvalidateCase, type useDispute } from './data';
import { newKey, problemText, useFormat } from './format';
import { FormField } from './FormField';
import { PanelTitle, QueryPanel } from './Panel';

const evidenceFields = [
  'product_description',
  'customer_name',
  'customer_email_address',
  'service_date',
  'shipping_tracking_number',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'duplicate_charge_explanation',
  'uncategorized_text',
] as const;
type EvidenceField = (typeof evidenceFields)[number];
const longFields = new Set<EvidenceField>(['product_description', 'refund_policy_disclosure', 'refund_refusal_explanation', 'duplicate_charge_explanation', 'uncategorized_text']);
const closedStatuses = new Set(['won', 'lost', 'prevented', 'warning_closed']);
const statusColor: Record<string, string> = { needs_response: 'red', warning_needs_response: 'orange', under_review: 'processing', warning_under_review: 'processing', won: 'success', lost: 'error', prevented: 'success', warning_closed: 'default' };

function EvidenceForm({ item, dispute, editable }: { item: Case; dispute: Dispute; editable: boolean }) {
  const { t } = useTranslation('case');
  const { message } = App.useApp();
  const invalidate = useInvalidateCase(item.id);
  const [values, setValues] = useState<Partial<Record<EvidenceField, string>>>({});
  const [submitNow, setSubmitNow] = useState(true);
  const [touched, setTouched] = useState(false);
  const send = useMutation({
    mutationFn: (body: EvidenceBody) => api<Dispute>(`/cases/${item.id}/dispute/evidence`, { method: 'POST', body, idempotencyKey: newKey() }),
    onSuccess: () => {
      void message.success(t('stripe.sent'));
      setValues({});
      setTouched(false);
    },
    onSettled: invalidate,
  });
  const filled = Object.fromEntries(Object.entries(values).filter(([, value]) => value && value.trim())) as EvidenceBody['evidence'];
  const empty = Object.keys(filled).length === 0;
  if (closedStatuses.has(dispute.status)) return <Typography.Text type="secondary">{t('stripe.closed')}</Typography.Text>;
  return (
    <Flex vertical gap={8} data-testid="evidence-form">
      <Typography.Text type="secondary">{t('stripe.evidenceIntro')}</Typography.Text>
      {evidenceFields.map((field) => {
        const input = { value: values[field] ?? '', disabled: !editable, onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues((current) => ({ ...current, [field]: event.target.value })) };
        return (
          <FormField key={field} id={`evidence-${field}`} label={t(`stripe.field.${field}`)}>
            {(control) => (longFields.has(field) ? <Input.TextArea {...control} {...input} autoSize={{ minRows: 2, maxRows: 6 }} /> : <Input {...control} {...input} type={field === 'customer_email_address' ? 'email' : 'text'} />)}
          </FormField>
        );
      })}
      <Checkbox checked={submitNow} onChange={(event) => setSubmitNow(event.target.checked)} disabled={!editable}>
        {t('stripe.submitNow')}
      </Checkbox>
      {touched && empty && <Typography.Text type="danger">{t('stripe.evidenceRequired')}</Typography.Text>}
      {send.isError && <Alert type="error" showIcon title={problemText(send.error)} data-testid="evidence-error" />}
      <Button
        type="primary"
        style={{ alignSelf: 'flex-start' }}
        disabled={!editable}
        loading={send.isPending}
        onClick={() => {
          setTouched(true);
          if (!empty) send.mutate({ evidence: filled, submit: submitNow });
        }}
      >
        {submitNow ? t('stripe.send') : t('stripe.stage')}
      </Button>
    </Flex>
  );
}

function DisputeCard({ item, view, title, editable }: { item: Case; view: Dispute; title: ReactNode; editable: boolean }) {
  const { t } = useTranslation('case');
  const { language, time } = useFormat();
  const open = !closedStatuses.has(view.status);
  const facts = [
    { key: 'id', label: t('stripe.disputeId'), children: <Typography.Text copyable style={{ wordBreak: 'break-all' }}>{view.dispute_id}</Typography.Text> },
    { key: 'status', label: t('stripe.status'), children: <Tag color={statusColor[view.status] ?? 'default'}>{t(`stripe.statuses.${view.status}`)}</Tag> },
    { key: 'amount', label: t('stripe.amount'), children: <Typography.Text strong>{formatMoney(view.amount, view.currency, language)}</Typography.Text> },
    { key: 'reason', label: t('stripe.reason'), children: t(`stripe.reasons.${view.reason}`, { defaultValue: view.reason }) },
    {
      key: 'due',
      label: t('stripe.evidenceDue'),
      children: view.evidence_due_by ? (
        <span data-testid="evidence-due" data-due={view.evidence_due_by}>
          <Typography.Text>{time(view.evidence_due_by)}</Typography.Text> {open && !view.evidence_submitted_at && <DeadlineTag dueAt={view.evidence_due_by} label={t('stripe.evidenceDue')} />}
        </span>
      ) : (
        t('stripe.noDueDate')
      ),
    },
    { key: 'evidence', label: t('stripe.hasEvidence'), children: view.has_evidence ? t('stripe.yes') : t('stripe.no') },
    { key: 'submissions', label: t('stripe.submissions'), children: view.submission_count },
    { key: 'funds', label: t('stripe.funds'), children: t(`stripe.fundsState.${view.funds}`) },
    ...(view.evidence_submitted_at ? [{ key: 'submitted', label: t('stripe.submittedAt'), children: time(view.evidence_submitted_at) }] : []),
  ];
  return (
    <Card size="small" title={title} data-testid="stripe-panel" style={{ borderColor: '#d3adf7' }}>
      <Descriptions size="small" column={1} items={facts} />
      {editable && <Collapse size="small" ghost style={{ marginTop: 4 }} items={[{ key: 'evidence', label: t('stripe.evidenceForm'), children: <EvidenceForm item={item} dispute={view} editable={editable} /> }]} />}
    </Card>
  );
}

export function StripePanel({ item, dispute, editable }: { item: Case; dispute: ReturnType<typeof useDispute>; editable: boolean }) {
  const { t } = useTranslation('case');
  const title = <PanelTitle icon={<CreditCardOutlined style={{ color: '#635bff' }} />}>{t('stripe.title')}</PanelTitle>;
  return (
    <QueryPanel title={title} query={dispute}>
      {(view) => <DisputeCard item={item} view={view} title={title} editable={editable} />}
    </QueryPanel>
  );
}
