import { Flex } from 'antd';
import { ApiOutlined, DingtalkOutlined, MailOutlined, MessageOutlined, SlackOutlined, WechatWorkOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelKind } from './types';

const icons: Record<ChannelKind, ReactNode> = {
  wecom: <WechatWorkOutlined style={{ color: '#1aad19' }} />,
  dingtalk: <DingtalkOutlined style={{ color: '#1677ff' }} />,
  feishu: <MessageOutlined style={{ color: '#3370ff' }} />,
  slack: <SlackOutlined style={{ color: '#611f69' }} />,
  email: <MailOutlined style={{ color: '#fa8c16' }} />,
  webhook: <ApiOutlined style={{ color: '#595959' }} />,
};

export function ChannelKindLabel({ kind }: { kind: string }) {
  const { t } = useTranslation('settingsAccess');
  return (
    <Flex gap={6} align="center" data-kind={kind}>
      {icons[kind as ChannelKind] ?? <ApiOutlined />}
      <span>{t(`kind.${kind}`, { defaultValue: kind })}</span>
    </Flex>
  );
}
