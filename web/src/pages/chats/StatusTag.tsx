import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChatStatus } from '../../api/types';

const colors: Record<ChatStatus, string> = { bot: 'purple', waiting: 'orange', agent: 'blue', closed: 'default' };

export function ChatStatusTag({ status }: { status: ChatStatus }) {
  const { t } = useTranslation('chats');
  return (
    <Tag color={colors[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`status.${status}`)}
    </Tag>
  );
}
