import { useMemo } from 'react';
import { Alert, Button, Checkbox, Col, Divider, Flex, Form, Input, InputNumber, Radio, Row, Select, Space, Tooltip, Typography, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { categories, channels, priorities } from '../../../api/domain';
import { useSession } from '../../../api/session';
import { FormDrawer } from '../shared/FormDrawer';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import { showFieldErrors, type FieldPath } from '../shared/serverErrors';
import { SwitchItem } from '../shared/switches';
import { useZoneOptions } from '../shared/timeZones';
import { useFormSave } from '../shared/useFormSave';
import { breachActions, categoryPrefixes, pauseStatuses, policyClockKinds, policyClockNames, reopenModes, type BreachActionName, type PauseStatus, type PolicyClockKind, type PolicyClockName } from './constants';
import { categoryText, describePolicy } from './summary';
import type { Calendar, Policy, PolicyInput } from './types';

type Priority = (typeof priorities)[number];

type TargetValues = {
  name?: PolicyClockName;
  kind?: PolicyClockKind;
  hours?: number | null;
  days?: number | null;
  timezone?: string | null;
  priority_hours?: Partial<Record<Priority, number | null>>;
};

type Values = {
  name: string;
  enabled: boolean;
  match: { channels: (typeof channels)[number][]; categories: string[]; priorities: Priority[]; tags: string[] };
  calendar_id: string;
  targets: TargetValues[];
  pause_statuses: PauseStatus[];
  reopen: Policy['reopen'];
  /** Number lists are typed as "50, 80". */
  reminders: { percents: string; before_minutes: string; repeat_every_minutes: number | null; repeat_within_minutes: number | null; repeat_priorities: Priority[] };
  breach_actions: BreachActionName[];
};

const numberList = (text: string | undefined) =>
  (text ?? '')
    .split(/[\s,\u3001\uff0c]+/)
    .filter((part) => part.length > 0)
    .map(Number);

function toValues(policy: Policy | null): Values {
  if (!policy) {
    return {
      name: '',
      enabled: true,
      match: { channels: [], categories: [], priorities: [], tags: [] },
      calendar_id: '',
      targets: [
        { name: 'first_reply', kind: 'business', hours: 4 },
        { name: 'resolution', kind: 'business', hours: 24 },
      ],
      pause_statuses: ['pending_customer'],
      reopen: 'restart',
      reminders: { percents: '50, 80', before_minutes: '120, 30', repeat_every_minutes: 30, repeat_within_minutes: 120, repeat_priorities: ['urgent'] },
      breach_actions: ['notify', 'escalate'],
    };
  }
  return {
    name: policy.name,
    enabled: policy.enabled,
    match: { channels: [...policy.match.channels], categories: [...policy.match.categories], priorities: [...policy.match.priorities], tags: [...policy.match.tags] },
    calendar_id: policy.calendar_id ?? '',
    targets: policy.targets.map((target) => ({ ...target, priority_hours: { ...target.priority_hours } })),
    pause_statuses: [...policy.pause_statuses],
    reopen: policy.reopen,
    reminders: {
      percents: policy.reminders.percents.join(', '),
      before_minutes: policy.reminders.before_minutes.join(', '),
      repeat_every_minutes: policy.reminders.repeat_every_minutes,
      repeat_within_minutes: policy.reminders.repeat_within_minutes,
      repeat_priorities: [...policy.reminders.repeat_priorities],
    },
    breach_actions: [...policy.breach_actions],
  };
}

/** Form values → the API body: only the fields a clock's kind takes, blanks left out for the server to judge. */
function toBody(values: Partial<Values>, position: number | undefined): PolicyInput {
  const present = <T,>(value: T | null | undefined): value is T => value !== null && value !== undefined;
  const targets = (values.targets ?? []).map((target) => {
    const overrides = Object.fromEntries(Object.entries(target?.priority_hours ?? {}).filter((entry) => present(entry[1])));
    const base = { name: target?.name ?? 'first_reply', kind: target?.kind ?? 'business' } as const;
    if (base.kind === 'calendar_day_end') return { ...base, ...(present(target?.days) ? { days: target.days } : {}), ...(target?.timezone ? { timezone: target.timezone } : {}) };
    return { ...base, ...(present(target?.hours) ? { hours: target.hours } : {}), ...(Object.keys(overrides).length > 0 ? { priority_hours: overrides } : {}) };
  });
  const reminders = values.reminders;
  return {
    name: values.name ?? '',
    ...(position !== undefined ? { position } : {}),
    enabled: values.enabled ?? true,
    match: { channels: values.match?.channels ?? [], categories: values.match?.categories ?? [], priorities: values.match?.priorities ?? [], tags: values.match?.tags ?? [] },
    targets,
    calendar_id: values.calendar_id ? values.calendar_id : null,
    pause_statuses: values.pause_statuses ?? [],
    reopen: values.reopen ?? 'restart',
    reminders: {
      percents: numberList(reminders?.percents),
      before_minutes: numberList(reminders?.before_minutes),
      ...(present(reminders?.repeat_every_minutes) ? { repeat_every_minutes: reminders.repeat_every_minutes } : {}),
      ...(present(reminders?.repeat_within_minutes) ? { repeat_within_minutes: reminders.repeat_within_minutes } : {}),
      repeat_priorities: reminders?.repeat_priorities ?? [],
    },
    breach_actions: values.breach_actions ?? [],
  };
}

/** Every field a server error may name, so it is shown on that field. */
function knownFields(values: Partial<Values>): FieldPath[] {
  const fields: FieldPath[] = [
    ['name'], ['enabled'], ['match', 'channels'], ['match', 'categories'], ['match', 'priorities'], ['match', 'tags'], ['calendar_id'], ['targets'],
    ['pause_statuses'], ['reopen'], ['reminders', 'percents'], ['reminders', 'before_minutes'], ['reminders', 'repeat_every_minutes'],
    ['reminders', 'repeat_within_minutes'], ['reminders', 'repeat_priorities'], ['breach_actions'],
  ];
  (values.targets ?? []).forEach((_, index) => {
    for (const part of ['name', 'kind', 'hours', 'days', 'timezone']) fields.push(['targets', index, part]);
    for (const priority of priorities) fields.push(['targets', index, 'priority_hours', priority]);
  });
  return fields;
}

function TargetRow({ form, fieldName, index, onRemove, zoneOptions }: { form: FormInstance<Values>; fieldName: number; index: number; onRemove: () => void; zoneOptions: { value: string; label: string }[] }) {
  const { t } = useTranslation('settingsSla');
  const kind = Form.useWatch(['targets', fieldName, 'kind'], form);
  const clock = Form.useWatch(['targets', fieldName, 'name'], form);
  const clockLabel = clock ? t(`domain:clockName.${clock}`) : String(index + 1);
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 0', marginBottom: 12 }} data-testid="policy-target" role="group" aria-label={t('policyForm.targetGroup', { clock: clockLabel })}>
      <Row gutter={12} align="bottom" wrap>
        <Col xs={24} sm={12} md={6}>
          <Form.Item name={[fieldName, 'name']} label={t('policyForm.clock')} rules={[{ required: true, message: t('policyForm.required') }]}>
            <Select options={policyClockNames.map((name) => ({ value: name, label: t(`domain:clockName.${name}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={7}>
          <Form.Item name={[fieldName, 'kind']} label={t('policyForm.kind')} rules={[{ required: true, message: t('policyForm.required') }]}>
            <Select options={policyClockKinds.map((value) => ({ value, label: t(`clockKind.${value}`) }))} />
          </Form.Item>
        </Col>
        {kind === 'calendar_day_end' ? (
          <>
            <Col xs={8} md={4}>
              <Form.Item name={[fieldName, 'days']} label={t('policyForm.days')} tooltip={t('policyForm.daysHelp')}>
                <InputNumber min={0} max={366} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={16} md={5}>
              <Form.Item name={[fieldName, 'timezone']} label={t('policyForm.timezone')} tooltip={t('policyForm.timezoneHelp')}>
                <Select allowClear showSearch options={zoneOptions} placeholder={t('policyForm.timezoneDefault')} />
              </Form.Item>
            </Col>
          </>
        ) : (
          <Col xs={24} md={9}>
            <Form.Item name={[fieldName, 'hours']} label={kind === 'elapsed' ? t('policyForm.elapsedHours') : t('policyForm.businessHours')}>
              <InputNumber min={0.25} max={24 * 366} step={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={2} style={{ textAlign: 'right' }}>
          <Form.Item>
            <Tooltip title={t('policyForm.remove')}>
              <Button danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('policyForm.removeClock', { clock: clockLabel })} />
            </Tooltip>
          </Form.Item>
        </Col>
      </Row>
      {kind !== 'calendar_day_end' && (
        <Flex gap={12} wrap align="flex-end">
          <Typography.Text type="secondary" style={{ paddingBottom: 30 }}>
            {t('policyForm.priorityHours')}
          </Typography.Text>
          {[...priorities].reverse().map((priority) => (
            <Form.Item key={priority} name={[fieldName, 'priority_hours', priority]} label={t(`domain:priority.${priority}`)} style={{ width: 96 }}>
              <InputNumber min={0.25} max={24 * 366} placeholder={t('policyForm.hoursShort')} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </Flex>
      )}
    </div>
  );
}

/** Create or edit one policy in a drawer; the sentence at the top says what it will do while it is filled in. */
export function PolicyForm({ open, policy, calendars, onClose, onSaved }: { open: boolean; policy: Policy | null; calendars: Calendar[]; onClose: () => void; onSaved: (saved: Policy, created: boolean) => void }) {
  const { t } = useTranslation('settingsSla');
  const { me } = useSession();
  const [form] = Form.useForm<Values>();
  const watched = Form.useWatch((values: Values) => values, form);
  const initialValues = useMemo(() => toValues(policy), [policy]);
  const zoneOptions = useZoneOptions(me.tenant.timezone, 'Asia/Shanghai');

  const { mutation: save, errors, submit: submitWith } = useFormSave(form, {
    mutationFn: (body: PolicyInput) => (policy ? api<Policy>(`/sla-policies/${policy.id}`, { method: 'PUT', body }) : api<Policy>('/sla-policies', { method: 'POST', body })),
    onSuccess: (saved) => onSaved(saved, policy === null),
    fieldErrors: (error) => showFieldErrors(form, error, knownFields(form.getFieldsValue(true) as Values)),
  });
  const submit = () => submitWith((values) => toBody(values, policy?.position));

  const preview = watched ? describePolicy(toBody(watched, undefined), t, { calendars, tenantTimezone: me.tenant.timezone }) : '';
  const integerList = { validator: async (_: unknown, text: string | undefined) => { if (numberList(text).some((value) => !Number.isInteger(value))) throw new Error(t('policyForm.numberList')); } };

  return (
    <FormDrawer open={open} onClose={onClose} title={policy ? t('policyForm.editTitle', { name: policy.name }) : t('policyForm.newTitle')} saving={save.isPending} onSave={() => void submit()}>
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={() => void submit()} name="sla-policy">
        <Alert type="info" showIcon title={t('policyForm.preview')} description={<span data-testid="policy-preview">{preview}</span>} style={{ marginBottom: 16 }} />
        <FormErrorAlert errors={errors} split style={{ marginBottom: 16 }} />
        <Row gutter={12}>
          <Col xs={24} md={18}>
            <Form.Item name="name" label={t('policyForm.name')} rules={[{ required: true, whitespace: true, message: t('policyForm.required') }]}>
              <Input maxLength={200} placeholder={t('policyForm.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <SwitchItem name="enabled" label={t('policyForm.enabled')} />
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('policyForm.matchTitle')}</Divider>
        <Typography.Paragraph type="secondary">{t('policyForm.matchHelp')}</Typography.Paragraph>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name={['match', 'channels']} label={t('policyForm.channels')}>
              <Select mode="multiple" allowClear placeholder={t('policyForm.any')} options={channels.map((channel) => ({ value: channel, label: t(`common:channel.${channel}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['match', 'priorities']} label={t('policyForm.priorities')}>
              <Select mode="multiple" allowClear placeholder={t('policyForm.any')} options={[...priorities].reverse().map((priority) => ({ value: priority, label: t(`domain:priority.${priority}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['match', 'categories']} label={t('policyForm.categories')} tooltip={t('policyForm.categoriesHelp')}>
              <Select
                mode="multiple"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('policyForm.any')}
                options={[
                  { label: t('policyForm.families'), options: categoryPrefixes(categories).map((prefix) => ({ value: prefix, label: `${categoryText(prefix, t)} · ${prefix}` })) },
                  { label: t('policyForm.single'), options: categories.map((category) => ({ value: category, label: categoryText(category, t) })) },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['match', 'tags']} label={t('policyForm.tags')} tooltip={t('policyForm.tagsHelp')}>
              <Select mode="tags" allowClear placeholder={t('policyForm.any')} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('policyForm.targetsTitle')}</Divider>
        <Typography.Paragraph type="secondary">{t('policyForm.targetsHelp')}</Typography.Paragraph>
        <Form.List name="targets">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <TargetRow key={field.key} form={form} fieldName={field.name} index={index} onRemove={() => remove(field.name)} zoneOptions={zoneOptions} />
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                icon={<PlusOutlined />}
                disabled={fields.length >= policyClockNames.length}
                onClick={() => {
                  const used = new Set(((form.getFieldValue('targets') as TargetValues[] | undefined) ?? []).map((target) => target?.name));
                  add({ name: policyClockNames.find((name) => !used.has(name)) ?? 'next_reply', kind: 'business', hours: 8 });
                }}
              >
                {t('policyForm.addClock')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="calendar_id" label={t('policyForm.calendar')} tooltip={t('policyForm.calendarHelp')} style={{ marginTop: 16 }}>
          <Select options={[{ value: '', label: t('policyForm.noCalendar', { tz: me.tenant.timezone }) }, ...calendars.map((calendar) => ({ value: calendar.id, label: `${calendar.name} (${calendar.timezone})` }))]} />
        </Form.Item>

        <Divider titlePlacement="start">{t('policyForm.behaviourTitle')}</Divider>
        <Form.Item name="pause_statuses" label={t('policyForm.pause')} tooltip={t('policyForm.pauseHelp')}>
          <Checkbox.Group options={pauseStatuses.map((status) => ({ value: status, label: t(`common:status.${status}`) }))} />
        </Form.Item>
        <Form.Item name="reopen" label={t('policyForm.reopen')}>
          <Radio.Group options={reopenModes.map((mode) => ({ value: mode, label: t(`reopen.${mode}`) }))} />
        </Form.Item>
        <Form.Item name="breach_actions" label={t('policyForm.breach')}>
          <Checkbox.Group options={breachActions.map((action) => ({ value: action, label: t(`breachAction.${action}`) }))} />
        </Form.Item>

        <Divider titlePlacement="start">{t('policyForm.remindersTitle')}</Divider>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name={['reminders', 'percents']} label={t('policyForm.percents')} tooltip={t('policyForm.percentsHelp')} rules={[integerList]}>
              <Input placeholder="50, 80" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['reminders', 'before_minutes']} label={t('policyForm.beforeMinutes')} tooltip={t('policyForm.beforeMinutesHelp')} rules={[integerList]}>
              <Input placeholder="120, 30" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['reminders', 'repeat_every_minutes']} label={t('policyForm.repeatEvery')}>
              <InputNumber min={5} max={1440} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['reminders', 'repeat_within_minutes']} label={t('policyForm.repeatWithin')}>
              <InputNumber min={0} max={7 * 1440} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['reminders', 'repeat_priorities']} label={t('policyForm.repeatPriorities')}>
              <Select mode="multiple" allowClear options={[...priorities].reverse().map((priority) => ({ value: priority, label: t(`domain:priority.${priority}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Typography.Text type="secondary">{t('policyForm.remindersHelp')}</Typography.Text>
        </Space>
      </Form>
    </FormDrawer>
  );
}
