import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Input, Row, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { User } from '../../../api/types';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import { QueryResult } from '../shared/QueryResult';
import { applyServerErrors } from '../shared/serverErrors';
import { SaveDiscardBar, useUnsavedChanges } from '../shared/unsavedChanges';
import { useFormSave } from '../shared/useFormSave';
import { keys } from './queries';
import { clockPattern, halfHours, minutesOf, zonesWith, type DraftShift } from './schedule';
import { weekdays, type Schedule, type Shift } from './types';
import { shiftColor, WeekView } from './WeekView';

type Values = { timezone: string; shifts: Shift[] };

const newShift = (): Shift => ({ name: '', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00', members: [] });
const workdays: Shift['days'] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** A team's on-duty shifts: edited as a list of shifts, shown live as a week view. */
export function ScheduleEditor({ team, teamName, users }: { team: string; teamName: string; users: User[] }) {
  const { t } = useTranslation('settingsAccess');
  const schedule = useQuery({ queryKey: keys.schedule(team), queryFn: () => api<Schedule>(`/teams/${encodeURIComponent(team)}/schedule`) });
  return (
    <Card title={t('schedule.title', { team: teamName })} data-testid="schedule-editor">
      <QueryResult query={schedule}>{(data) => <ScheduleForm key={`${team}-${schedule.dataUpdatedAt}`} team={team} schedule={data} users={users} />}</QueryResult>
    </Card>
  );
}

function ScheduleForm({ team, schedule, users }: { team: string; schedule: Schedule; users: User[] }) {
  const { t } = useTranslation('settingsAccess');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const watchedShifts = Form.useWatch('shifts', form) as DraftShift[] | undefined;
  const watchedZone = Form.useWatch('timezone', form) as string | undefined;
  const shifts = watchedShifts ?? schedule.shifts;
  const timezone = watchedZone ?? schedule.timezone;

  const byId = new Map(users.map((user) => [user.id, user]));
  const nameOf = (id: string) => byId.get(id)?.name ?? t('schedule.unknownUser');
  const ownTeam = users.filter((user) => user.team === team && user.active);
  const others = users.filter((user) => user.team !== team && user.active);
  const memberOptions = [
    { label: t('schedule.teamMembers'), options: ownTeam.map((user) => ({ value: user.id, label: user.name })) },
    { label: t('schedule.otherUsers'), options: others.map((user) => ({ value: user.id, label: user.name })) },
  ];
  // Someone deactivated since keeps their place until removed, so the list says who it is.
  const inactive = users.filter((user) => !user.active).map((user) => ({ value: user.id, label: t('schedule.inactiveUser', { name: user.name }) }));

  const { mutation: save, errors, send, clearErrors } = useFormSave(form, {
    mutationFn: (values: Values) =>
      api<Schedule>(`/teams/${encodeURIComponent(team)}/schedule`, {
        method: 'PUT',
        body: { timezone: values.timezone, shifts: (values.shifts ?? []).map((shift) => ({ name: shift.name.trim(), days: weekdays.filter((day) => shift.days.includes(day)), start: shift.start, end: shift.end, members: shift.members ?? [] })) },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.schedule(team), saved);
      void message.success(t('schedule.saved'));
    },
    fieldErrors: (error) => applyServerErrors(form, error),
  });
  const { dirty, changed, discard } = useUnsavedChanges(form, clearErrors);

  const timeOptions = (current: string | undefined) => (current && !halfHours.includes(current) ? [current, ...halfHours] : halfHours).map((value) => ({ value, label: value }));

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name={`schedule-${team}`}
      initialValues={{ timezone: schedule.timezone, shifts: schedule.shifts }}
      onValuesChange={changed}
      onFinish={send}
    >
      <Flex vertical gap={16}>
        <WeekView shifts={shifts} timezone={timezone} nameOf={nameOf} />
        <FormErrorAlert errors={errors} separator="; " />
        <Form.Item name="timezone" label={t('schedule.timezone')} extra={t('schedule.timezoneHelp')} style={{ marginBottom: 0, maxWidth: 360 }} rules={[{ required: true, message: t('schedule.timezoneRequired') }]}>
          <Select showSearch options={zonesWith(schedule.timezone).map((zone) => ({ value: zone, label: zone }))} />
        </Form.Item>
        <Form.List name="shifts">
          {(fields, { add, remove }) => (
            <Flex vertical gap={12}>
              {fields.length === 0 && <Alert type="info" showIcon title={t('schedule.empty')} description={t('schedule.emptyHelp')} />}
              {fields.map((field, index) => {
                const shift = shifts[index];
                const start = minutesOf(shift?.start);
                const end = minutesOf(shift?.end);
                const overnight = start !== null && end !== null && end <= start;
                return (
                  <Card
                    key={field.key}
                    size="small"
                    data-testid="shift-card"
                    style={{ borderLeft: `4px solid ${shiftColor(index)}` }}
                    title={shift?.name || t('schedule.shiftNumber', { number: index + 1 })}
                    extra={
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('schedule.removeShift', { number: index + 1 })} onClick={() => remove(field.name)}>
                        {t('schedule.remove')}
                      </Button>
                    }
                  >
                    <Row gutter={12}>
                      <Col xs={24} md={8}>
                        <Form.Item name={[field.name, 'name']} label={t('schedule.shiftName')} rules={[{ required: true, whitespace: true, message: t('schedule.shiftNameRequired') }, { max: 100 }]}>
                          <Input placeholder={t('schedule.shiftNamePlaceholder')} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item name={[field.name, 'start']} label={t('schedule.start')} rules={[{ required: true, pattern: clockPattern, message: t('schedule.timeInvalid') }]}>
                          <Select showSearch options={timeOptions(shift?.start)} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item name={[field.name, 'end']} label={t('schedule.end')} rules={[{ required: true, pattern: clockPattern, message: t('schedule.timeInvalid') }]} extra={overnight ? t('schedule.overnight') : undefined}>
                          <Select showSearch options={timeOptions(shift?.end)} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item label={t('schedule.days')} required style={{ marginBottom: 0 }}>
                          <Form.Item name={[field.name, 'days']} noStyle rules={[{ required: true, type: 'array', min: 1, message: t('schedule.daysRequired') }]}>
                            <Checkbox.Group aria-label={t('schedule.days')} options={weekdays.map((day) => ({ value: day, label: t(`weekday.${day}`) }))} />
                          </Form.Item>
                          <Space size={4} style={{ marginTop: 4, marginBottom: 12 }}>
                            <Button size="small" type="link" onClick={() => form.setFieldValue(['shifts', field.name, 'days'], workdays)}>
                              {t('schedule.workdays')}
                            </Button>
                            <Button size="small" type="link" onClick={() => form.setFieldValue(['shifts', field.name, 'days'], [...weekdays])}>
                              {t('schedule.everyDay')}
                            </Button>
                          </Space>
                        </Form.Item>
                      </Col>
                      <Col xs={24}>
                        <Form.Item name={[field.name, 'members']} label={t('schedule.members')} extra={t('schedule.membersHelp')} style={{ marginBottom: 0 }}>
                          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('schedule.membersPlaceholder')} options={inactive.length > 0 ? [...memberOptions, { label: t('schedule.inactiveUsers'), options: inactive }] : memberOptions} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newShift())} disabled={fields.length >= 20}>
                {t('schedule.addShift')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <SaveDiscardBar saveText={t('schedule.save')} saving={save.isPending} dirty={dirty} onDiscard={discard} />
      </Flex>
    </Form>
  );
}
