import { useMemo } from 'react';
import { Alert, App, Button, Col, Collapse, Flex, Form, Input, Radio, Row, Table, Tag, Typography } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { holidaySet, type HolidayRegion } from '../../../../../src/sla/calendar/holidays.js';
import { regionTimezones } from '../../../../../src/sla/calendar/regions.js';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import { ConfirmDeleteButton } from '../shared/rowActions';
import { problemText, showFieldErrors } from '../shared/serverErrors';
import { useFormSave } from '../shared/useFormSave';
import { weekdays } from './constants';
import { intervalsText, parseIntervals } from './hours';
import { calendarInput, keys, refreshDeadlines, useSaveCalendar } from './queries';
import { weekdayIndex } from './time';
import type { Calendar, CalendarDateInput, Interval } from './types';

type DateType = CalendarDateInput['type'];
type OwnDate = { date: string; type: DateType; name?: string | undefined; intervals?: Interval[] };
type AddValues = { date: string; type: DateType; name: string; intervals: string };

const typeColors: Record<DateType, string> = { holiday: 'red', workday: 'green', hours: 'blue' };

function ownDates(calendar: Calendar): OwnDate[] {
  return [
    ...calendar.holidays.map((entry) => ({ date: entry.date, type: 'holiday' as const, name: entry.name })),
    ...calendar.workdays.map((entry) => ({ date: entry.date, type: 'workday' as const, name: entry.name })),
    ...calendar.exceptions.map((entry) => ({ date: entry.date, type: 'hours' as const, name: entry.name, intervals: entry.intervals })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

function useWeekdayName() {
  const { t } = useTranslation('settingsSla');
  return (date: string) => t(`weekday.${weekdays[weekdayIndex(date)] ?? 'mon'}`);
}

/** The shipped dates of one region, with the ones this calendar overrides marked. */
function ShippedDates({ region, own }: { region: HolidayRegion; own: Set<string> }) {
  const { t, i18n } = useTranslation('settingsSla');
  const dayName = useWeekdayName();
  const set = useMemo(() => holidaySet(region), [region]);
  const rows = useMemo(
    () => [...set.holidays.map((entry) => ({ ...entry, type: 'holiday' as const })), ...set.workdays.map((entry) => ({ ...entry, type: 'workday' as const }))].sort((a, b) => a.date.localeCompare(b.date)),
    [set],
  );
  return (
    <Table
      rowKey="date"
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 10, showSizeChanger: false }}
      columns={[
        { key: 'date', title: t('dates.date'), render: (_, row) => `${row.date} ${dayName(row.date)}` },
        { key: 'type', title: t('dates.type'), render: (_, row) => <Tag color={typeColors[row.type]}>{t(`dates.kind.${row.type}`)}</Tag> },
        { key: 'name', title: t('dates.name'), render: (_, row) => (i18n.language === 'en' ? row.name_en : row.name_zh) },
        { key: 'own', title: '', render: (_, row) => (own.has(row.date) ? <Tag>{t('dates.overridden')}</Tag> : null) },
      ]}
    />
  );
}

/** The calendar's own holidays, make-up working days and special hours, and the shipped public holidays it includes. */
export function CalendarDates({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation('settingsSla');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const dayName = useWeekdayName();
  const [form] = Form.useForm<AddValues>();
  const type = Form.useWatch('type', form);
  const date = Form.useWatch('date', form);
  const saveCalendar = useSaveCalendar(calendar);
  const rows = ownDates(calendar);
  const own = new Set(rows.map((row) => row.date));

  const changed = (saved: Calendar) => {
    queryClient.setQueryData<Calendar[]>(keys.calendars, (old) => old?.map((item) => (item.id === saved.id ? saved : item)));
    void refreshDeadlines(queryClient, keys.calendars);
  };
  const { mutation: add, errors, send } = useFormSave(form, {
    mutationFn: (body: CalendarDateInput) => api<Calendar>(`/calendars/${calendar.id}/dates`, { method: 'POST', body }),
    onSuccess: (saved, body) => {
      changed(saved);
      message.success(t('dates.added', { date: body.date }));
      form.resetFields(['date', 'name', 'intervals']);
    },
    fieldErrors: (error) => showFieldErrors(form, error, [['date'], ['type'], ['name'], ['intervals']]),
  });
  const remove = useMutation({
    mutationFn: (day: string) => api<Calendar>(`/calendars/${calendar.id}/dates/${day}`, { method: 'DELETE' }),
    onSuccess: (saved, day) => {
      changed(saved);
      message.success(t('dates.removed', { date: day }));
    },
    onError: (error) => message.error(problemText(error)),
  });

  // A make-up working day on a weekday, or a holiday on a closed weekend day, changes nothing: say so.
  const weekday = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? weekdays[weekdayIndex(date)] : undefined;
  const open = weekday ? (calendar.hours[weekday] ?? []).length > 0 : undefined;
  const hint = weekday === undefined ? null : type === 'workday' && open ? t('dates.hintWorkdayOpen', { day: dayName(date) }) : type === 'holiday' && open === false ? t('dates.hintHolidayClosed', { day: dayName(date) }) : null;
  const missingRegion: HolidayRegion | undefined = (['CN', 'HK', 'SG', 'US', 'GB'] as const).find((region) => regionTimezones[region] === calendar.timezone && !calendar.holiday_regions.includes(region));

  return (
    <>
      <Typography.Paragraph type="secondary">{t('dates.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        name="calendar-date"
        initialValues={{ date: '', type: 'holiday', name: '', intervals: '' }}
        onFinish={(values) => {
          const intervals = values.type === 'hours' ? parseIntervals(values.intervals) : null;
          send({ date: values.date, type: values.type, ...(values.name.trim() ? { name: values.name.trim() } : {}), ...(intervals ? { intervals } : {}) });
        }}
      >
        <FormErrorAlert errors={errors} style={{ marginBottom: 12 }} />
        <Row gutter={12} align="bottom">
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="date" label={t('dates.date')} rules={[{ required: true, message: t('policyForm.required') }]}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={10}>
            <Form.Item name="type" label={t('dates.type')}>
              <Radio.Group optionType="button" options={(['holiday', 'workday', 'hours'] as const).map((value) => ({ value, label: t(`dates.kind.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="name" label={t('dates.name')}>
              <Input maxLength={100} placeholder={t('dates.namePlaceholder')} />
            </Form.Item>
          </Col>
          {type === 'hours' && (
            <Col xs={24} sm={12} md={10}>
              <Form.Item
                name="intervals"
                label={t('dates.intervals')}
                extra={t('dates.intervalsHelp')}
                rules={[{ validator: async (_, text: string) => { if (parseIntervals(text ?? '') === null) throw new Error(t('dates.intervalsInvalid')); } }]}
              >
                <Input placeholder="09:00-12:00, 13:00-17:00" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={6}>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
                {t('dates.add')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
        {hint && <Alert type="warning" showIcon title={hint} style={{ marginBottom: 12 }} />}
      </Form>

      {rows.length === 0 ? (
        <Typography.Paragraph type="secondary" data-testid="dates-empty">
          {t('dates.empty')}
        </Typography.Paragraph>
      ) : (
        <Table<OwnDate>
          rowKey="date"
          size="small"
          dataSource={rows}
          pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          data-testid="own-dates"
          columns={[
            { key: 'date', title: t('dates.date'), render: (_, row) => `${row.date} ${dayName(row.date)}` },
            {
              key: 'type',
              title: t('dates.type'),
              render: (_, row) => (
                <Tag color={typeColors[row.type]}>
                  {t(`dates.kind.${row.type}`)}
                  {row.type === 'hours' ? ` ${row.intervals?.length ? intervalsText(row.intervals) : t('dates.closedAllDay')}` : ''}
                </Tag>
              ),
            },
            { key: 'name', title: t('dates.name'), render: (_, row) => row.name ?? '' },
            {
              key: 'remove',
              title: t('policies.actions'),
              width: 120,
              render: (_, row) => (
                <ConfirmDeleteButton
                  title={t('dates.removeTitle', { date: row.date })}
                  description={t('dates.removeBody')}
                  action={t('dates.remove')}
                  ariaLabel={t('dates.removeNamed', { date: row.date })}
                  onConfirm={() => remove.mutateAsync(row.date).catch(() => undefined)}
                />
              ),
            },
          ]}
        />
      )}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('dates.shippedTitle')}
      </Typography.Title>
      {calendar.holiday_regions.length === 0 ? (
        <Alert
          type="info"
          showIcon
          title={t('dates.noRegions')}
          action={
            <Button
              size="small"
              icon={<ImportOutlined />}
              loading={saveCalendar.isPending}
              onClick={() => saveCalendar.mutate(calendarInput(calendar, { holiday_regions: [missingRegion ?? 'CN'] }), { onSuccess: () => message.success(t('dates.imported')), onError: (error) => message.error(problemText(error)) })}
            >
              {t('dates.import', { region: t(`regionShort.${missingRegion ?? 'CN'}`) })}
            </Button>
          }
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('dates.covered', { years: calendar.covered_years.join(', ') })}
            {calendar.provisional_years.length > 0 && ` ${t('dates.provisional', { years: calendar.provisional_years.join(', ') })}`}
          </Typography.Paragraph>
          <Collapse
            items={calendar.holiday_regions.map((region) => {
              const set = holidaySet(region);
              return {
                key: region,
                label: t(set.workdays.length > 0 ? 'dates.shippedRegion' : 'dates.shippedRegionHolidays', { region: t(`region.${region}`), holidays: set.holidays.length, workdays: set.workdays.length }),
                children: <ShippedDates region={region} own={own} />,
              };
            })}
          />
          <Flex justify="flex-end" style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">{t('dates.shippedHelp')}</Typography.Text>
          </Flex>
        </>
      )}
    </>
  );
}
