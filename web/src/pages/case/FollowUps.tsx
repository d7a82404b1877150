import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Input, Tag, Typography } from 'antd';
import { CheckOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DeadlineTag } from '../../components/clock';
import { LoadError, Loading } from '../../components/states';
import type { FollowUp } from '../../api/types';
import { useInvalidateCase, type useFollowUps } from './data';
import { problemText, useFormat } from './format';
import { PanelTitle } from './Panel';

/** "2026-11-27T10:00" for a datetime-local input, in the browser's time zone. */
function localInput(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function AddFollowUp({ caseId }: { caseId: string }) {
  const { t } = useTranslation('case');
  const { message } = App.useApp();
  const invalidate = useInvalidateCase(caseId);
  const [due, setDue] = useState(() => localInput(new Date(Date.now() + 24 * 3_600_000)));
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const add = useMutation({
    mutationFn: () => api<FollowUp>(`/cases/${caseId}/follow-ups`, { method: 'POST', body: { due_at: new Date(due).toISOString(), note: note.trim() } }),
    onSuccess: () => {
      void message.success(t('followUps.added'));
      setNote('');
      setTouched(false);
    },
    onSettled: invalidate,
  });
  const invalid = !note.trim() || Number.isNaN(Date.parse(due));
  return (
    <Flex vertical gap={6} style={{ marginTop: 8 }}>
      <div>
        <label htmlFor="follow-up-due" style={{ fontSize: 12 }}>
          {t('followUps.due')}
        </label>
        <Input id="follow-up-due" aria-label={t('followUps.due')} type="datetime-local" value={due} onChange={(event) => setDue(event.target.value)} style={{ marginTop: 2 }} />
      </div>
      <div>
        <label htmlFor="follow-up-note" style={{ fontSize: 12 }}>
          {t('followUps.note')}
        </label>
        <Input.TextArea id="follow-up-note" aria-label={t('followUps.note')} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} value={note} placeholder={t('followUps.notePlaceholder')} status={touched && !note.trim() ? 'error' : undefined} onChange={(event) => setNote(event.target.value)} style={{ marginTop: 2 }} />
      </div>
      {touched && invalid && <Typography.Text type="danger">{t('followUps.required')}</Typography.Text>}
      {add.isError && <Alert type="error" showIcon title={problemText(add.error)} />}
      <Button
        size="small"
        style={{ alignSelf: 'flex-start' }}
        loading={add.isPending}
        onClick={() => {
          setTouched(true);
          if (!invalid) add.mutate();
        }}
      >
        {t('followUps.add')}
      </Button>
    </Flex>
  );
}

export function FollowUps({ caseId, followUps, editable }: { caseId: string; followUps: ReturnType<typeof useFollowUps>; editable: boolean }) {
  const { t } = useTranslation('case');
  const { message } = App.useApp();
  const { time } = useFormat();
  const invalidate = useInvalidateCase(caseId);
  const done = useMutation({
    mutationFn: (id: string) => api<FollowUp>(`/cases/${caseId}/follow-ups/${id}/done`, { method: 'POST' }),
    onSuccess: () => void message.success(t('followUps.marked')),
    onError: (error) => void message.error(problemText(error)),
    onSettled: invalidate,
  });
  const items = [...(followUps.data ?? [])].sort((a, b) => Number(a.done_at !== null) - Number(b.done_at !== null) || Date.parse(a.due_at) - Date.parse(b.due_at));
  return (
    <Card
      size="small"
      title={<PanelTitle icon={<ScheduleOutlined />}>{t('followUps.title')}</PanelTitle>}
      data-testid="follow-ups"
    >
      {followUps.isLoading ? (
        <Loading />
      ) : followUps.isError ? (
        <LoadError error={followUps.error} onRetry={() => void followUps.refetch()} />
      ) : items.length === 0 ? (
        <Typography.Text type="secondary">{t('followUps.empty')}</Typography.Text>
      ) : (
        <Flex vertical gap={6}>
          {items.map((item) => (
            <div key={item.id} style={{ padding: '4px 0', borderBottom: '1px solid #f5f5f5', opacity: item.done_at ? 0.6 : 1 }}>
              <Flex justify="space-between" align="center" gap={6} wrap>
                {item.done_at ? <Tag color="success">{t('followUps.doneAt', { time: time(item.done_at) })}</Tag> : <DeadlineTag dueAt={item.due_at} startedAt={item.created_at} />}
                {!item.done_at && editable && (
                  <Button size="small" icon={<CheckOutlined />} loading={done.isPending && done.variables === item.id} onClick={() => done.mutate(item.id)}>
                    {t('followUps.done')}
                  </Button>
                )}
              </Flex>
              <Typography.Paragraph style={{ margin: '2px 0 0' }}>{item.note}</Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {time(item.due_at)}
              </Typography.Text>
            </div>
          ))}
        </Flex>
      )}
      {editable && <AddFollowUp caseId={caseId} />}
    </Card>
  );
}
