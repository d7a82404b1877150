import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { UsersAndTokens } from './access/UsersAndTokens';
import { TeamsAndSchedules } from './access/TeamsAndSchedules';
import { NotificationChannels } from './access/NotificationChannels';
import { SlaPolicies } from './sla/SlaPolicies';
import { Calendars } from './sla/Calendars';
import { Integrations } from './sla/Integrations';

const sections = [
  { key: 'users', Component: UsersAndTokens },
  { key: 'teams', Component: TeamsAndSchedules },
  { key: 'sla', Component: SlaPolicies },
  { key: 'calendars', Component: Calendars },
  { key: 'notifications', Component: NotificationChannels },
  { key: 'integrations', Component: Integrations },
] as const;

/** Admin settings, one tab per area; the tab is part of the URL (/settings/<tab>). */
export default function SettingsPage() {
  const { t } = useTranslation('settings');
  const navigate = useNavigate();
  const tab = useParams()['*'] || 'users';
  const active = sections.some((section) => section.key === tab) ? tab : 'users';
  return (
    <>
      <Typography.Title level={3}>{t('title')}</Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(`/settings/${key}`)}
        destroyOnHidden
        items={sections.map(({ key, Component }) => ({ key, label: t(`tab.${key}`), children: <Component /> }))}
      />
    </>
  );
}
