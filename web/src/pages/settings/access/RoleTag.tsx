import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/types';

const roleColors: Record<Role, string> = { admin: 'red', supervisor: 'purple', agent: 'blue', viewer: 'default' };

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Tag color={roleColors[role]} data-role={role}>
      {t(`role.${role}`)}
    </Tag>
  );
}
