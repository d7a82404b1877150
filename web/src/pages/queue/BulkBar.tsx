import { useState } from 'react';
import { Button, Flex, Select, Typography } from 'antd';
import { UserAddOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';

type Props = {
  count: number;
  users: User[];
  busy: boolean;
  onAssign(assigneeId: string | null): void;
  onClear(): void;
};

/** Shown while rows are selected: assign them all to one agent, or unassign them. */
export function BulkBar({ count, users, busy, onAssign, onClear }: Props) {
  const { t } = useTranslation('queue');
  const [assignee, setAssignee] = useState<string | undefined>();
  const options = users.filter((user) => user.active && user.role !== 'viewer').map((user) => ({ value: user.id, label: user.team ? `${user.name} · ${user.team}` : user.name }));
  return (
    <Flex wrap gap={8} align="center" role="region" aria-label={t('bulk.selected', { count })} data-testid="bulk-bar" style={{ padding: '8px 12px', background: '#f0f5ff', border: '1px solid #d6e4ff', borderRadius: 8 }}>
      <Typography.Text strong>{busy ? t('bulk.working', { count }) : t('bulk.selected', { count })}</Typography.Text>
      <Select<string>
        aria-label={t('bulk.assignTo')}
        placeholder={t('bulk.assignPlaceholder')}
        value={assignee}
        onChange={setAssignee}
        options={options}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 220 }}
        data-testid="bulk-assignee"
      />
      <Button type="primary" icon={<UserAddOutlined />} disabled={!assignee || busy} loading={busy} onClick={() => assignee && onAssign(assignee)}>
        {t('bulk.assign')}
      </Button>
      <Button icon={<UserDeleteOutlined />} disabled={busy} onClick={() => onAssign(null)}>
        {t('bulk.unassign')}
      </Button>
      <Button type="link" disabled={busy} onClick={onClear}>
        {t('bulk.clear')}
      </Button>
    </Flex>
  );
}
