import { App, Button, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useSession } from '../../../api/session';
import { EmptyState } from '../../../components/states';
import { QueryResult } from '../shared/QueryResult';
import { ConfirmDeleteButton, EditButton } from '../shared/rowActions';
import { problemText } from '../shared/serverErrors';
import { SettingsSection } from '../shared/SettingsSection';
import { useEditTarget } from '../shared/useEditTarget';
import { PolicyForm } from './PolicyForm';
import { keys, refreshDeadlines, useCalendars, usePolicies } from './queries';
import { describePolicy } from './summary';
import type { Policy, PolicyInput } from './types';

/** The body that re-saves a policy as it is (PUT takes the whole policy). */
export function policyInput(policy: Policy): PolicyInput {
  return {
    name: policy.name,
    position: policy.position,
    enabled: policy.enabled,
    match: policy.match,
    targets: policy.targets,
    calendar_id: policy.calendar_id,
    pause_statuses: policy.pause_statuses,
    reopen: policy.reopen,
    reminders: policy.reminders,
    breach_actions: policy.breach_actions,
  };
}

/** SLA policies in the order they are tried: reorder, switch on and off, edit, delete. */
export function SlaPolicies() {
  const { t } = useTranslation('settingsSla');
  const { me } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const policies = usePolicies();
  const calendars = useCalendars();
  const editing = useEditTarget<Policy>();
  const refresh = () => refreshDeadlines(queryClient, keys.policies);

  const reorder = useMutation({
    // Positions 10, 20, 30… in the new order; only the policies whose position changes are saved.
    mutationFn: async (ordered: Policy[]) => {
      for (const [index, policy] of ordered.entries()) {
        const position = (index + 1) * 10;
        if (policy.position !== position) await api(`/sla-policies/${policy.id}`, { method: 'PUT', body: { ...policyInput(policy), position } });
      }
    },
    // The list shows the new order at once; the server's answer replaces it when the saves are done.
    onMutate: (ordered) => queryClient.setQueryData<Policy[]>(keys.policies, ordered.map((policy, index) => ({ ...policy, position: (index + 1) * 10 }))),
    onSuccess: () => message.success(t('policies.reordered')),
    onError: (error) => message.error(problemText(error)),
    onSettled: () => void refresh(),
  });
  const toggle = useMutation({
    mutationFn: (policy: Policy) => api(`/sla-policies/${policy.id}`, { method: 'PUT', body: { ...policyInput(policy), enabled: !policy.enabled } }),
    onError: (error) => message.error(problemText(error)),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (policy: Policy) => api(`/sla-policies/${policy.id}`, { method: 'DELETE' }),
    onSuccess: () => message.success(t('policies.deleted')),
    onError: (error) => message.error(problemText(error)),
    onSettled: refresh,
  });

  const move = (index: number, delta: number) => {
    const list = [...(policies.data ?? [])];
    const [moved] = list.splice(index, 1);
    if (!moved) return;
    list.splice(index + delta, 0, moved);
    reorder.mutate(list);
  };

  const context = { calendars: calendars.data ?? [], tenantTimezone: me.tenant.timezone };

  return (
    <SettingsSection
      id="sla-policies-title"
      title={t('policies.title')}
      intro={t('policies.intro')}
      action={
        <Button type="primary" icon={<PlusOutlined />} onClick={editing.create}>
          {t('policies.new')}
        </Button>
      }
    >
      <QueryResult query={policies}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState>{t('policies.empty')}</EmptyState>
          ) : (
            <Table<Policy>
              rowKey="id"
              dataSource={items}
              pagination={false}
              loading={reorder.isPending}
              size="middle"
              scroll={{ x: 640 }}
              columns={[
                {
                  key: 'order',
                  title: t('policies.order'),
                  width: 110,
                  render: (_, policy, index) => (
                    <Space size={4}>
                      <Typography.Text strong>{index + 1}</Typography.Text>
                      <Tooltip title={t('policies.moveUp')}>
                        <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0 || reorder.isPending} onClick={() => move(index, -1)} aria-label={t('policies.moveUpNamed', { name: policy.name })} />
                      </Tooltip>
                      <Tooltip title={t('policies.moveDown')}>
                        <Button size="small" icon={<ArrowDownOutlined />} disabled={index === items.length - 1 || reorder.isPending} onClick={() => move(index, 1)} aria-label={t('policies.moveDownNamed', { name: policy.name })} />
                      </Tooltip>
                    </Space>
                  ),
                },
                {
                  key: 'policy',
                  title: t('policies.policy'),
                  render: (_, policy) => (
                    <Space orientation="vertical" size={4}>
                      <Space wrap size={4}>
                        <Typography.Text strong>{policy.name}</Typography.Text>
                        {policy.targets.map((target) => (
                          <Tag key={target.name} variant="filled">
                            {t(`domain:clockName.${target.name}`)}
                          </Tag>
                        ))}
                      </Space>
                      <Typography.Text type={policy.enabled ? undefined : 'secondary'} data-testid="policy-summary">
                        {describePolicy(policy, t, context)}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  key: 'enabled',
                  title: t('policies.enabled'),
                  width: 90,
                  render: (_, policy) => (
                    <Switch checked={policy.enabled} loading={toggle.isPending && toggle.variables.id === policy.id} onChange={() => toggle.mutate(policy)} aria-label={t('policies.enabledNamed', { name: policy.name })} />
                  ),
                },
                {
                  key: 'actions',
                  title: t('policies.actions'),
                  width: 190,
                  render: (_, policy) => (
                    <Space wrap>
                      <EditButton ariaLabel={t('policies.editNamed', { name: policy.name })} onClick={() => editing.edit(policy)} />
                      <ConfirmDeleteButton
                        title={t('policies.deleteTitle', { name: policy.name })}
                        description={t('policies.deleteBody')}
                        ariaLabel={t('policies.deleteNamed', { name: policy.name })}
                        onConfirm={() => remove.mutateAsync(policy)}
                      />
                    </Space>
                  ),
                },
              ]}
            />
          )
        }
      </QueryResult>
      <PolicyForm
        open={editing.open}
        policy={editing.item}
        calendars={calendars.data ?? []}
        onClose={editing.close}
        onSaved={(saved, created) => {
          message.success(created ? t('policies.created', { name: saved.name }) : t('policies.saved', { name: saved.name }));
          editing.close();
          void refresh();
        }}
      />
    </SettingsSection>
  );
}
