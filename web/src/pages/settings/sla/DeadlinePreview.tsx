import { useState } from 'react';
import { Alert, Button, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { problemText } from '../shared/serverErrors';
import { keys } from './queries';
import { formatInZone, formatLocal, nowInZone, zonedToIso } from './time';
import type { Calendar, Deadline } from './types';

type Values = { start: string; hours: number | null };

/** "A case that starts then, with N working hours: when is it due?" on this calendar, by the server's own engine. */
export function DeadlinePreview({ calendar }: { calendar: Calendar }) {
  const { t, i18n } = useTranslation('settingsSla');
  const [form] = Form.useForm<Values>();
  const [asked, setAsked] = useState<{ start: string; hours: number } | null>(null);
  const deadline = useQuery({
    // Under the calendars key, so a change to the calendar recomputes the preview.
    queryKey: [...keys.calendars, calendar.id, 'deadline', asked?.start, asked?.hours, calendar.updated_at],
    queryFn: () => api<Deadline>(`/calendars/${calendar.id}/deadline`, { query: { start: asked?.start, hours: asked?.hours } }),
    enabled: asked !== null,
    retry: false,
  });
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <>
      <Typography.Paragraph type="secondary">{t('preview.intro', { tz: calendar.timezone })}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        name="deadline-preview"
        initialValues={{ start: nowInZone(calendar.timezone), hours: 8 }}
        onFinish={(values) => {
          const start = zonedToIso(values.start, calendar.timezone);
          if (start && values.hours) setAsked({ start, hours: values.hours });
        }}
      >
        <Row gutter={12} align="bottom">
          <Col xs={24} sm={12} md={9}>
            <Form.Item name="start" label={t('preview.start', { tz: calendar.timezone })} rules={[{ required: true, message: t('policyForm.required') }]}>
              <Input type="datetime-local" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={7}>
            <Form.Item name="hours" label={t('preview.hours')} rules={[{ required: true, message: t('policyForm.required') }]}>
              <InputNumber min={0.25} max={24 * 366} step={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={deadline.isFetching}>
                {t('preview.run')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {deadline.isError && <Alert type="error" showIcon title={problemText(deadline.error)} />}
      {deadline.data && (
        <Alert
          type="success"
          showIcon
          data-testid="deadline-result"
          title={t('preview.due', { due: formatInZone(deadline.data.due_at, calendar.timezone, i18n.language), tz: calendar.timezone })}
          description={
            <>
              {t('preview.explain', { hours: deadline.data.hours, start: formatInZone(deadline.data.start, calendar.timezone, i18n.language) })}
              {browserZone !== calendar.timezone && (
                <>
                  <br />
                  {t('preview.local', { due: formatLocal(deadline.data.due_at, i18n.language), tz: browserZone })}
                </>
              )}
            </>
          }
        />
      )}
    </>
  );
}
