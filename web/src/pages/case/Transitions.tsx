import { useState, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Divider, Flex, Input, Modal, Select, Space, Typography } from 'antd';
import { CheckCircleOutlined, RiseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ProblemError } from '../../api/client';
import { allowedTransitions, resolutions, type Status } from '../../api/domain';
import type { Case, Complaint, Message } from '../../api/types';
import { useSession } from '../../api/session';
import { caseKey, useInvalidateCase, useTeams } from './data';
import { ifGiven, newKey, problemText } from './format';
import { FormField } from './FormField';

type TransitionBody = { to: Status; resolution?: string; reason?: string; agreement_message_id?: string; override_reason?: string };

/** A status move; once the server took it, the case shows its new state and the agent is told. */
function useTransition(id: string) {
  const { t } = useTranslation('case');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCase(id);
  return useMutation({
    mutationFn: (body: TransitionBody) => api<Case>(`/cases/${id}/transitions`, { method: 'POST', body, idempotencyKey: newKey() }),
    onSuccess: (updated, body) => {
      queryClient.setQueryData(caseKey(id), updated);
      void message.success(t('transitions.changed', { status: t(`common:status.${body.to}`) }));
    },
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

/** The dialog of one move: its form is built afresh each time it opens; `afterClose` resets its state. */
function MoveModal({ open, title, okText, busy, onOk, onClose, afterClose, children }: { open: boolean; title: string; okText: string; busy: boolean; onOk(): void; onClose(): void; afterClose(): void; children: ReactNode }) {
  const { t } = useTranslation('case');
  return (
    <Modal open={open} title={title} onCancel={onClose} destroyOnHidden okText={okText} cancelText={t('common:actions.cancel')} onOk={onOk} confirmLoading={busy} afterClose={afterClose}>
      {children}
    </Modal>
  );
}

/** The free-text reasons a move can carry. */
const reasonBox = { autoSize: { minRows: 2, maxRows: 6 }, maxLength: 2000 } as const;

function ResolveModal({ item, complaint, messages, open, onClose }: { item: Case; complaint: Complaint | undefined; messages: Message[]; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('case');
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

  const submit = (overrideReason = '') => {
    setTouched(true);
    if (!resolution || (agreementNeeded && !agreement)) return;
    transition.mutate(
      {
        to: 'resolved',
        resolution,
        ...ifGiven('reason', reason),
        ...(agreementNeeded && agreement ? { agreement_message_id: agreement } : {}),
        ...ifGiven('override_reason', overrideReason),
      },
      { onSuccess: onClose },
    );
  };

  return (
    <MoveModal
      open={open}
      title={t('transitions.resolveTitle', { number: item.number })}
      okText={t('transitions.resolve')}
      busy={transition.isPending}
      onOk={() => submit()}
      onClose={onClose}
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
        <FormField id="resolve-resolution" label={t('transitions.resolution')} error={touched && !resolution && t('transitions.resolutionRequired')}>
          {(control) => (
            <Select {...control} value={resolution} onChange={setResolution} placeholder={t('transitions.resolutionRequired')} options={resolutions.map((code) => ({ value: code, label: t(`common:resolution.${code}`) }))} />
          )}
        </FormField>
        {agreementNeeded && (
          <FormField id="resolve-agreement" label={t('transitions.agreementMessage')} error={touched && !agreement && t('transitions.agreementRequired')}>
            {(control) => (
              <Select
                {...control}
                value={agreement}
                onChange={setAgreement}
                placeholder={t('transitions.agreementPlaceholder')}
                notFoundContent={t('transitions.agreementNone')}
                options={customerMessages.map((entry) => ({ value: entry.id, label: entry.body.length > 80 ? `${entry.body.slice(0, 80)}…` : entry.body }))}
              />
            )}
          </FormField>
        )}
        <FormField id="resolve-reason" label={t('transitions.reason')}>
          {(control) => <Input.TextArea {...control} {...reasonBox} value={reason} placeholder={t('transitions.reasonPlaceholder')} onChange={(event) => setReason(event.target.value)} />}
        </FormField>
        {transition.isError && <Refusal error={transition.error} />}
        {canOverride && (
          <div data-testid="override">
            <Divider style={{ margin: '4px 0 8px' }}>{t('transitions.override')}</Divider>
            <Typography.Paragraph type="secondary">{t('transitions.overrideHint')}</Typography.Paragraph>
            <FormField id="resolve-override" label={t('transitions.overrideReason')}>
              {(control) => <Input.TextArea {...control} {...reasonBox} value={override} onChange={(event) => setOverride(event.target.value)} />}
            </FormField>
            <Button danger style={{ marginTop: 8 }} disabled={!override.trim()} loading={transition.isPending} onClick={() => submit(override)}>
              {t('transitions.overrideSubmit')}
            </Button>
          </div>
        )}
      </Flex>
    </MoveModal>
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
    <MoveModal
      open={open}
      title={t('transitions.escalateTitle', { number: item.number })}
      okText={t('transitions.escalate')}
      busy={escalate.isPending}
      onOk={() => {
        setTouched(true);
        if (reason.trim()) escalate.mutate();
      }}
      onClose={onClose}
      afterClose={() => {
        escalate.reset();
        setReason('');
        setTeam('auto');
        setTouched(false);
      }}
    >
      <Flex vertical gap={12}>
        <FormField id="escalate-reason" label={t('transitions.escalateReason')} error={touched && !reason.trim() && t('transitions.escalateRequired')}>
          {(control) => <Input.TextArea {...control} {...reasonBox} value={reason} onChange={(event) => setReason(event.target.value)} />}
        </FormField>
        <FormField id="escalate-team" label={t('transitions.escalateTeam')}>
          {(control) => (
            <Select
              {...control}
              value={team}
              onChange={setTeam}
              options={[{ value: 'auto', label: t('transitions.escalateTeamDefault') }, ...(teams.data ?? []).map((entry) => ({ value: entry.code, label: `${entry.name} (${entry.code})` }))]}
            />
          )}
        </FormField>
        {escalate.isError && <Refusal error={escalate.error} />}
      </Flex>
    </MoveModal>
  );
}

/** The status moves open from here, resolving with its code, and escalation. */
export function Transitions({ item, complaint, messages }: { item: Case; complaint: Complaint | undefined; messages: Message[] }) {
  const { t } = useTranslation('case');
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
  const move = (to: Status) => transition.mutate({ to });
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
