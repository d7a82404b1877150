import { useState } from 'react';
import { App, Button, Card, Flex, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client';
import { QueryResult } from '../shared/QueryResult';
import { problemTitle } from '../shared/serverErrors';
import { keys, useCalendars } from './queries';

const inherit = '';

/** Which business-hours calendar a team's clocks run on. */
export function TeamCalendar({ team, teamName }: { team: string; teamName: string }) {
  const { t } = useTranslation('settingsAccess');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const calendars = useCalendars();
  const current = calendars.data?.find((calendar) => calendar.teams.includes(team))?.id ?? inherit;
  const [chosen, setChosen] = useState<string | null>(null);
  const value = chosen ?? current;

  const save = useMutation({
    mutationFn: (calendarId: string) => api<{ team: string; calendar_id: string | null }>(`/teams/${encodeURIComponent(team)}/calendar`, { method: 'PUT', body: { calendar_id: calendarId || null } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.calendars });
      setChosen(null);
      void message.success(t('calendar.saved', { team: teamName }));
    },
    onError: (error) => void message.error(problemTitle(error)),
  });

  return (
    <Card title={t('calendar.title')} size="small">
      <QueryResult query={calendars}>
        {(items) => (
          <Flex vertical gap={8}>
            <Typography.Text type="secondary">{t('calendar.help')}</Typography.Text>
            <Flex gap={8} wrap>
              <Select
                aria-label={t('calendar.label', { team: teamName })}
                style={{ minWidth: 260, flex: '1 1 260px', maxWidth: 420 }}
                value={value}
                onChange={setChosen}
                options={[{ value: inherit, label: t('calendar.inherit') }, ...items.map((calendar) => ({ value: calendar.id, label: `${calendar.name} · ${calendar.timezone}` }))]}
              />
              <Button type="primary" disabled={value === current} loading={save.isPending} onClick={() => save.mutate(value)}>
                {t('calendar.save')}
              </Button>
            </Flex>
            {items.length === 0 && (
              <Typography.Text type="secondary">
                {t('calendar.none')} <Link to="/settings/calendars">{t('calendar.goCreate')}</Link>
              </Typography.Text>
            )}
          </Flex>
        )}
      </QueryResult>
    </Card>
  );
}
