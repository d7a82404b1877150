import { useState } from 'react';
import { App, Button, Card, Checkbox, Col, Flex, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ProblemError } from '../../../api/client';
import { holidayRegions, type HolidayRegion } from '../../../../../src/sla/calendar/holidays.js';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import { ConfirmDeleteButton } from '../shared/rowActions';
import { fieldPath, problemText, showFieldErrors } from '../shared/serverErrors';
import { useZoneOptions } from '../shared/timeZones';
import { CalendarDates } from './CalendarDates';
import { weekdays } from './constants';
import { DeadlinePreview } from './DeadlinePreview';
import { calendarInput, keys, refreshDeadlines, useSaveCalendar } from './queries';
import type { Calendar, WeeklyHours } from './types';
import { WeekEditor, type Week } from './WeekEditor';

function fullWeek(hours: WeeklyHours): Week {
  return { mon: hours.mon ?? [], tue: hours.tue ?? [], wed: hours.wed ?? [], thu: hours.thu ?? [], fri: hours.fri ?? [], sat: hours.sat ?? [], sun: hours.sun ?? [] };
}

type BasicsValues = { name: string; timezone: string; holiday_regions: HolidayRegion[] };

function Basics({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation('settingsSla');
  const { message } = App.useApp();
  const [form] = Form.useForm<BasicsValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const zones = useZoneOptions(calendar.timezone);
  const save = useSaveCalendar(calendar);
  return (
    <Form
      form={form}
      layout="vertical"
      name="calendar-basics"
      initialValues={{ name: calendar.name, timezone: calendar.timezone, holiday_regions: calendar.holiday_regions }}
      onFinish={(values) => {
        setErrors([]);
        save.mutate(calendarInput(calendar, values), {
          onSuccess: () => message.success(t('calendars.saved')),
          onError: (error) => setErrors(showFieldErrors(form, error, [['name'], ['timezone'], ['holiday_regions']])),
        });
      }}
    >
      <FormErrorAlert errors={errors} style={{ marginBottom: 12 }} />
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('calendars.name')} rules={[{ required: true, whitespace: true, message: t('policyForm.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="timezone" label={t('calendars.timezone')} rules={[{ required: true, message: t('policyForm.required') }]}>
            <Select showSearch options={zones} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="holiday_regions" label={t('calendars.regions')} extra={t('calendars.regionsHelp')}>
        <Checkbox.Group options={holidayRegions.map((value) => ({ value, label: t(`region.${value}`) }))} />
      </Form.Item>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap size={4}>
          <Typography.Text type="secondary">{t('calendars.teams')}</Typography.Text>
          {calendar.teams.length === 0 ? <Typography.Text type="secondary">{t('calendars.noTeams')}</Typography.Text> : calendar.teams.map((team) => <Tag key={team}>{team}</Tag>)}
        </Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('calendars.saveBasics')}
        </Button>
      </Flex>
    </Form>
  );
}

function WorkingHours({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation('settingsSla');
  const { message } = App.useApp();
  const saved = fullWeek(calendar.hours);
  const [draft, setDraft] = useState<Week>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const save = useSaveCalendar(calendar);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);

  const submit = () => {
    setErrors({});
    setGeneral([]);
    save.mutate(calendarInput(calendar, { hours: draft }), {
      onSuccess: () => message.success(t('week.saved')),
      onError: (error) => {
        // Field errors name `hours.mon.1.end`; the editor shows them next to Monday's second interval.
        const byDay: Record<string, string> = {};
        const rest: string[] = [];
        const fields = error instanceof ProblemError ? error.errors : [];
        for (const item of fields) {
          const path = fieldPath(item.field);
          if (path[0] === 'hours' && path.length > 1 && weekdays.includes(path[1] as (typeof weekdays)[number])) byDay[path.slice(1).join('.')] = item.message;
          else rest.push(item.message);
        }
        setErrors(byDay);
        if (rest.length > 0 || Object.keys(byDay).length === 0) setGeneral([problemText(error)]);
      },
    });
  };

  return (
    <>
      <FormErrorAlert errors={general} style={{ marginBottom: 12 }} />
      <WeekEditor
        value={draft}
        onChange={(next) => {
          setDraft(next);
          setErrors({});
        }}
        errors={errors}
      />
      <Flex justify="flex-end" gap={8} style={{ marginTop: 12 }} align="center">
        {dirty && <Typography.Text type="warning">{t('week.unsaved')}</Typography.Text>}
        <Button disabled={!dirty} onClick={() => { setDraft(saved); setErrors({}); setGeneral([]); }}>
          {t('week.reset')}
        </Button>
        <Button type="primary" disabled={!dirty} loading={save.isPending} onClick={submit}>
          {t('week.save')}
        </Button>
      </Flex>
    </>
  );
}

/** One calendar: name and zone, weekly hours, own dates and shipped holidays, a deadline preview. */
export function CalendarDetail({ calendar, onDeleted }: { calendar: Calendar; onDeleted: () => void }) {
  const { t } = useTranslation('settingsSla');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api(`/calendars/${calendar.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      onDeleted();
      void refreshDeadlines(queryClient, keys.calendars);
    },
    onError: (error) => message.error(problemText(error)),
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={calendar.name}
        extra={
          <ConfirmDeleteButton
            title={t('calendars.deleteTitle', { name: calendar.name })}
            description={t('calendars.deleteBody')}
            ariaLabel={t('calendars.deleteNamed', { name: calendar.name })}
            onConfirm={() => remove.mutateAsync().catch(() => undefined)}
          />
        }
      >
        <Basics key={JSON.stringify([calendar.name, calendar.timezone, calendar.holiday_regions])} calendar={calendar} />
      </Card>
      <Card title={t('week.title')}>
        <WorkingHours key={JSON.stringify(calendar.hours)} calendar={calendar} />
      </Card>
      <Card title={t('dates.title')}>
        <CalendarDates calendar={calendar} />
      </Card>
      <Card title={t('preview.title')}>
        <DeadlinePreview calendar={calendar} />
      </Card>
    </Space>
  );
}
