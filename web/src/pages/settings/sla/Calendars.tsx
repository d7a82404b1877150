import { useState } from 'react';
import { App, Button, Checkbox, Col, Form, Input, Menu, Radio, Row, Select, Typography } from 'antd';
import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client';
import { useSession } from '../../../api/session';
import { EmptyState } from '../../../components/states';
import { holidayRegions, type HolidayRegion } from '../../../../../src/sla/calendar/holidays.js';
import { regionTimezones } from '../../../../../src/sla/calendar/regions.js';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import { FormModal } from '../shared/FormModal';
import { QueryResult } from '../shared/QueryResult';
import { showFieldErrors } from '../shared/serverErrors';
import { SettingsSection } from '../shared/SettingsSection';
import { useZoneOptions } from '../shared/timeZones';
import { useFormSave } from '../shared/useFormSave';
import { CalendarDetail } from './CalendarDetail';
import { keys, useCalendars } from './queries';
import { weekdays } from './constants';
import type { Calendar, CalendarInput, WeeklyHours } from './types';

const regionFor = (timezone: string): HolidayRegion | undefined => holidayRegions.find((region) => regionTimezones[region] === timezone);

type Template = 'office' | 'lunch' | 'always';
type NewValues = { name: string; timezone: string; holiday_regions: HolidayRegion[]; template: Template };

/** The weekly hours a new calendar starts from. */
function templateHours(template: Template): WeeklyHours {
  const day = template === 'office' ? [{ start: '09:00', end: '18:00' }] : template === 'lunch' ? [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] : [{ start: '00:00', end: '24:00' }];
  const days = template === 'always' ? weekdays : weekdays.slice(0, 5);
  return Object.fromEntries(days.map((name) => [name, day.map((interval) => ({ ...interval }))]));
}

function NewCalendar({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (calendar: Calendar) => void }) {
  const { t } = useTranslation('settingsSla');
  const { me } = useSession();
  const [form] = Form.useForm<NewValues>();
  const zones = useZoneOptions(me.tenant.timezone);
  const region = regionFor(me.tenant.timezone);
  const { mutation: create, errors, send } = useFormSave(form, {
    mutationFn: (body: CalendarInput) => api<Calendar>('/calendars', { method: 'POST', body }),
    onSuccess: onCreated,
    fieldErrors: (error) => showFieldErrors(form, error, [['name'], ['timezone'], ['holiday_regions']]),
  });
  return (
    <FormModal open={open} title={t('calendars.newTitle')} okText={t('common:actions.create')} form={form} saving={create.isPending} onCancel={onClose}>
      <Form
        form={form}
        layout="vertical"
        name="new-calendar"
        initialValues={{ name: '', timezone: me.tenant.timezone, holiday_regions: region ? [region] : [], template: region === 'CN' ? 'lunch' : 'office' }}
        onFinish={(values) => send({ name: values.name, timezone: values.timezone, holiday_regions: values.holiday_regions, hours: templateHours(values.template) })}
      >
        <FormErrorAlert errors={errors} style={{ marginBottom: 12 }} />
        <Form.Item name="name" label={t('calendars.name')} rules={[{ required: true, whitespace: true, message: t('policyForm.required') }]}>
          <Input maxLength={200} placeholder={t('calendars.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="timezone" label={t('calendars.timezone')} rules={[{ required: true, message: t('policyForm.required') }]}>
          <Select showSearch options={zones} />
        </Form.Item>
        <Form.Item name="holiday_regions" label={t('calendars.regions')} extra={t('calendars.regionsHelp')}>
          <Checkbox.Group options={holidayRegions.map((value) => ({ value, label: t(`region.${value}`) }))} />
        </Form.Item>
        <Form.Item name="template" label={t('calendars.template')} extra={t('calendars.newHelp')}>
          <Radio.Group orientation="vertical" options={(['office', 'lunch', 'always'] as const).map((value) => ({ value, label: t(`calendars.templates.${value}`) }))} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** Business-hours calendars: pick one on the left, edit it on the right. */
export function Calendars() {
  const { t } = useTranslation('settingsSla');
  const { me } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const calendars = useCalendars();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const select = (id: string | null) => setParams(id ? { calendar: id } : {}, { replace: true });

  return (
    <SettingsSection
      id="calendars-title"
      title={t('calendars.title')}
      intro={t('calendars.intro')}
      action={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('calendars.new')}
        </Button>
      }
    >
      <QueryResult query={calendars}>
        {(items) => {
          const selected = items.find((calendar) => calendar.id === params.get('calendar')) ?? items[0];
          return !selected ? (
            <EmptyState>{t('calendars.empty', { tz: me.tenant.timezone })}</EmptyState>
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={6}>
                <Menu
                  mode="inline"
                  aria-label={t('calendars.listLabel')}
                  selectedKeys={[selected.id]}
                  onClick={({ key }) => select(key)}
                  style={{ borderInlineEnd: 'none', background: '#fafafa', borderRadius: 8 }}
                  items={items.map((calendar) => ({
                    key: calendar.id,
                    icon: <CalendarOutlined />,
                    label: (
                      <span title={`${calendar.name} · ${calendar.timezone}`}>
                        {calendar.name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{calendar.timezone}</Typography.Text>
                      </span>
                    ),
                  }))}
                />
              </Col>
              <Col xs={24} lg={18}>
                <CalendarDetail
                  key={selected.id}
                  calendar={selected}
                  onDeleted={() => {
                    message.success(t('calendars.deleted', { name: selected.name }));
                    select(null);
                  }}
                />
              </Col>
            </Row>
          );
        }}
      </QueryResult>
      <NewCalendar
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(calendar) => {
          setCreating(false);
          message.success(t('calendars.created', { name: calendar.name }));
          void queryClient.invalidateQueries({ queryKey: keys.calendars }).then(() => select(calendar.id));
        }}
      />
    </SettingsSection>
  );
}
