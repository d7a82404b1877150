import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Divider, Flex, Input, Modal, Select, Space, Typography } from 'antd';
import { CheckCircleOutlined, RiseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ProblemError } from '../../api/client';
import { allowedTransitions, resolutions, type Status } from '../../api/domain';
import type { Case, Message } from '../../api/types';
import { useSession } from '../../api/session';
import { caseKey, useInvalidateCase, useTeams } from './data';
import { newKey, problemText } from './format';
import type { Complaint } from './types';

type TransitionBody = { to: Status; resolution?: string; reason?: string; agreement_message_id?: string; override_reason?: string };

function useTransition(id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCase(id);
  return useMutation({
    mutationFn: (body: TransitionBody) => api<Case>(`/cases/${id}/transitions`, { method: 'POST', body, idempotencyKey: newKey() }),
    onSuccess: (updated) => queryClient.setQueryData(caseKey(id), updated),
    onSettled: invalidate,
  });
}

/** The server's refusal, title and detail as it explains them (e.g. WeChat Pay's completion rules). */
function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation('case');
  const problem = error instanceof ProblemError ? error : null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="transition-refused"
      title={problem ? problem.title : t('transitions.refused')}
      description={problem ? [problem.detail, ...problem.errors.map((field) => field.message)].filter(Boolean).join(' — ') || undefined : problemText(error)}
    />
  );
}

function ResolveModal({ item, complaint, messages, open, onClose }: { item: Case; complaint: Complaint | undefined; messages: Message[]; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('case');
  const { message } = App.useApp();
  const { can } = useSession();
  const transition = useTransition(item.id);
  const [resolution, setResolution] = useState<string | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [agreement, setAgreement] = useState<string | undefined>(undefined);
  const [override, setOverride] = useState('');
  const [touched, setTouched] = useState(false);
  const agreementNeeded = Boolean(complaint) && resolution === 'agreed';
  const customerMessages = messages.filter((entry) => entry.direction === 'inbound' && entry.author_type === 'customer');
  const refusal = transition.error instanceof ProblemError ? transition.error : null;
  // Only a platform guard refuses with completion_refused, and it accepts a supervisor's override_reason.
  const canOverride = can('admin', 'supervisor') && refusal?.code === 'completion_refused';

  const submit = (overrideReason?: string) => {
    setTouched(true);
    if (!resolution || (agreementNeeded && !agreement)) return;
    transition.mutate(
      {
        to: 'resolved',
        resolution,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(agreementNeeded && agreement ? { agreement_message_id: agreement } : {}),
        ...(overrideReason ? { override_reason: overrideReason } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('transitions.changed', { status: t('common:status.resolved') }));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('transitions.resolveTitle', { number: item.number })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('transitions.resolve')}
      cancelText={t('common:actions.cancel')}
      onOk={() => submit()}
      confirmLoading={transition.isPending}
      afterClose={() => {
        transition.reset();
        setResolution(undefined);
        setReason('');
        setAgreement(undefined);
        setOverride('');
        setTouched(false);
      }}
    >
      <Flex vertical gap={12} data-testid="resolve-dialog">
        <div>
          <label htmlFor="resolve-resolution">{t('transitions.resolution')}</label>
          <Select
            id="resolve-resolution"
            aria-label={t('transitions.resolution')}
            style={{ width: '100%', marginTop: 4 }}
            value={resolution}
            onChange={setResolution}
            status={touched && !resolution ? 'error' : undefined}
            placeholder={t('transitions.resolutionRequired')}
            options={resolutions.map((code) => ({ value: code, label: t(`common:resolution.${code}`) }))}
          />
          {touched && !resolution && <Typography.Text type="danger">{t('transitions.resolutionRequired')}</Typography.Text>}
        </div>
        {agreementNeeded && (
          <div>
            <label htmlFor="resolve-agreement">{t('transitions.agreementMessage')}</label>
            <Select
              id="resolve-agreement"
              aria-label={t('transitions.agreementMessage')}
              style={{ width: '100%', marginTop: 4 }}
              value={agreement}
              onChange={setAgreement}
              placeholder={t('transitions.agreementPlaceholder')}
              status={touched && !agreement ? 'error' : undefined}
              notFoundContent={t('transitions.agreementNone')}
              options={customerMessages.map((entry) => ({ value: entry.id, label: entry.body.length > 80 ? `${entry.body.slice(0, 80)}…` : entry.body }))}
            />
            {touched && !agreement && <Typography.Text type="danger">{t('transitions.agreementRequired')}</Typography.Text>}
          </div>
        )}
        <div>
          <label htmlFor="resolve-reason">{t('transitions.reason')}</label>
          <Input.TextArea id="resolve-reason" aria-label={t('transitions.reason')} style={{ marginTop: 4 }} autoSize={{ minRows: 2, maxRows: 6 }} value={reason} placeholder={t('transitions.reasonPlaceholder')} onChange={(event) => setReason(event.target.value)} maxLength={2000} />
        </div>
        {transition.isError && <Refusal error={transition.error} />}
        {canOverride && (
          <div data-testid="override">
            <Divider style={{ margin: '4px 0 8px' }}>{t('transitions.override')}</Divider>
            <Typography.Paragraph type="secondary">{t('transitions.overrideHint')}</Typography.Paragraph>
            <label htmlFor="resolve-override">{t('transitions.overrideReason')}</label>
            <Input.TextArea id="resolve-override" aria-label={t('transitions.overrideReason')} style={{ marginTop: 4 }} autoSize={{ minRows: 2, maxRows: 6 }} value={override} onChange={(event) => setOverride(event.target.value)} maxLength={2000} />
            <Button danger style={{ marginTop: 8 }} disabled={!override.trim()} loading={transition.isPending} onClick={() => submit(override.trim())}>
              {t('transitions.overrideSubmit')}
            </Button>
          </div>
        )}
      </Flex>
    </Modal>
  );
}

function EscalateModal({ item, open, onClose }: { item: Case; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('case');
  const { message } = App.useApp();
  const teams = useTeams();
  const invalidate = useInvalidateCase(item.id);
  const [reason, setReason] = useState('');
  const [team, setTeam] = useState<string>('auto');
  const [touched, setTouched] = useState(false);
  const escalate = useMutation({
    mutationFn: () => api<Case>(`/cases/${item.id}/escalate`, { method: 'POST', body: { reason: reason.trim(), ...(team !== 'auto' ? { team } : {}) } }),
    onSuccess: () => {
      void message.success(t('transitions.escalated'));
      onClose();
    },
    onSettled: invalidate,
  });
  return (
    <Modal
      open={open}
      title={t('transitions.escalateTitle', { number: item.number })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('transitions.escalate')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={escalate.isPending}
      onOk={() => {
        setTouched(true);
        if (reason.trim()) escalate.mutate();
      }}
      afterClose={() => {
        escalate.reset();
        setReason('');
        setTeam('auto');
        setTouched(false);
      }}
    >
      <Flex vertical gap={12}>
        <div>
          <label htmlFor="escalate-reason">{t('transitions.escalateReason')}</label>
          <Input.TextArea id="escalate-reason" aria-label={t('transitions.escalateReason')} style={{ marginTop: 4 }} autoSize={{ minRows: 2, maxRows: 6 }} value={reason} status={touched && !reason.trim() ? 'error' : undefined} onChange={(event) => setReason(event.target.value)} maxLength={2000} />
          {touched && !reason.trim() && <Typography.Text type="danger">{t('transitions.escalateRequired')}</Typography.Text>}
        </div>
        <div>
          <label htmlFor="escalate-team">{t('transitions.escalateTeam')}</label>
          <Select
            id="escalate-team"
            aria-label={t('transitions.escalateTeam')}
            style={{ width: '100%', marginTop: 4 }}
            value={team}
            onChange={setTeam}
            options={[{ value: 'auto', label: t('transitions.escalateTeamDefault') }, ...(teams.data ?? []).map((entry) => ({ value: entry.code, label: `${entry.name} (${entry.code})` }))]}
          />
        </div>
        {escalate.isError && <Refusal error={escalate.error} />}
      </Flex>
    </Modal>
  );
}

/** The status moves open from here, resolving with its code, and escalation. */
export function Transitions({ item, complaint, messages }: { item: Case; complaint: Complaint | undefined; messages: Message[] }) {
  const { t } = useTranslation('case');
  const { message } = App.useApp();
  const transition = useTransition(item.id);
  const [resolving, setResolving] = useState(false);
  const [escalating, setEscalating] = useState(false);
  const targets = allowedTransitions(item.status).filter((to) => to !== 'paused' || Boolean(item.refs.platform_complaint_id));
  const closedOut = item.status === 'resolved' || item.status === 'closed';
  const label = (to: Status) => {
    if (to === 'resolved') return t('transitions.resolve');
    if (to === 'closed') return t('transitions.close');
    if (to === 'open' && (closedOut || item.status === 'paused')) return t('transitions.reopen');
    if (to === 'paused') return t('transitions.pause');
    return t('transitions.to', { status: t(`common:status.${to}`) });
  };
  const move = (to: Status) =>
    transition.mutate({ to }, { onSuccess: () => void message.success(t('transitions.changed', { status: t(`common:status.${to}`) })) });
  return (
    <Flex vertical gap={8} align="flex-end" data-testid="transitions">
      <Space wrap style={{ justifyContent: 'flex-end' }}>
        {targets.map((to) =>
          to === 'resolved' ? (
            <Button key={to} type="primary" icon={<CheckCircleOutlined />} onClick={() => setResolving(true)}>
              {label(to)}
            </Button>
          ) : (
            <Button key={to} onClick={() => move(to)} loading={transition.isPending && transition.variables.to === to}>
              {label(to)}
            </Button>
          ),
        )}
        {!closedOut && (
          <Button icon={<RiseOutlined />} onClick={() => setEscalating(true)}>
            {t('transitions.escalate')}
          </Button>
        )}
      </Space>
      {transition.isError && (
        <div style={{ maxWidth: 520 }}>
          <Refusal error={transition.error} />
        </div>
      )}
      <ResolveModal item={item} complaint={complaint} messages={messages} open={resolving} onClose={() => setResolving(false)} />
      <EscalateModal item={item} open={escalating} onClose={() => setEscalating(false)} />
    </Flex>
  );
}
