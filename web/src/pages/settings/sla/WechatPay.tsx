import { useState } from 'react';
import { Alert, App, Button, Card, Col, Collapse, Descriptions, Flex, Form, Input, InputNumber, Row, Space, Typography } from 'antd';
import { ApiOutlined, CheckCircleFilled, CloseCircleFilled, EditOutlined, MinusCircleOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { EmptyState } from '../../../components/states';
import { FormDrawer } from '../shared/FormDrawer';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import { QueryResult } from '../shared/QueryResult';
import { SecretItem, SecretState, useSecretPlaceholder } from '../shared/secrets';
import { problemText, showFieldErrors, type FieldPath } from '../shared/serverErrors';
import { SwitchItem } from '../shared/switches';
import { useFormSave } from '../shared/useFormSave';
import { CopyUrl, IntegrationTitle } from './integrationParts';
import { keys, useWechatPay } from './queries';
import { formatLocal } from './time';
import type { WechatPayInput, WechatPayIntegration, WechatPaySync, WechatPayTest } from './types';

type Values = {
  mchid: string;
  merchant_serial_no: string;
  apiv3_key: string;
  merchant_private_key: string;
  platform_public_keys: { id: string; pem: string }[];
  api_base_url: string;
  enabled: boolean;
  sync_interval_minutes: number | null;
  /** Rates as percentages in the form, shares in the API. */
  thresholds: { timely_handling_rate_min: number | null; repeat_complaint_rate_max: number | null; complaint_rate_max: number | null; warn_margin: number | null };
  burst: { window_minutes: number | null; baseline_days: number | null; factor: number | null; min_count: number | null };
};

const percent = (share: number) => Math.round(share * 100_000) / 1000;
const share = (value: number | null) => (value === null ? undefined : Math.round(value * 1000) / 100_000);

function toValues(current: WechatPayIntegration | null): Values {
  return {
    mchid: current?.mchid ?? '',
    merchant_serial_no: current?.merchant_serial_no ?? '',
    apiv3_key: '',
    merchant_private_key: '',
    // Stored keys come back as ids and fingerprints only: their PEMs must be pasted again to save.
    platform_public_keys: current ? current.platform_public_keys.map((key) => ({ id: key.id, pem: '' })) : [{ id: '', pem: '' }],
    api_base_url: current?.api_base_url ?? 'https://api.mch.weixin.qq.com',
    enabled: current?.enabled ?? true,
    sync_interval_minutes: current?.sync_interval_minutes ?? 5,
    thresholds: {
      timely_handling_rate_min: percent(current?.thresholds.timely_handling_rate_min ?? 0.9),
      repeat_complaint_rate_max: percent(current?.thresholds.repeat_complaint_rate_max ?? 0.1),
      complaint_rate_max: percent(current?.thresholds.complaint_rate_max ?? 0.001),
      warn_margin: percent(current?.thresholds.warn_margin ?? 0.02),
    },
    burst: {
      window_minutes: current?.burst.window_minutes ?? 60,
      baseline_days: current?.burst.baseline_days ?? 14,
      factor: current?.burst.factor ?? 5,
      min_count: current?.burst.min_count ?? 10,
    },
  };
}

function toBody(values: Values): WechatPayInput {
  const thresholds = values.thresholds;
  const burst = values.burst;
  const defined = <T extends Record<string, unknown>>(record: T) => Object.fromEntries(Object.entries(record).filter((entry) => entry[1] !== undefined && entry[1] !== null));
  return {
    mchid: values.mchid.trim(),
    merchant_serial_no: values.merchant_serial_no.trim(),
    ...(values.apiv3_key ? { apiv3_key: values.apiv3_key } : {}),
    ...(values.merchant_private_key.trim() ? { merchant_private_key: values.merchant_private_key.trim() } : {}),
    platform_public_keys: values.platform_public_keys.map((key) => ({ id: key.id.trim(), pem: key.pem.trim() })),
    api_base_url: values.api_base_url.trim(),
    enabled: values.enabled,
    ...(values.sync_interval_minutes !== null ? { sync_interval_minutes: values.sync_interval_minutes } : {}),
    thresholds: defined({
      timely_handling_rate_min: share(thresholds.timely_handling_rate_min),
      repeat_complaint_rate_max: share(thresholds.repeat_complaint_rate_max),
      complaint_rate_max: share(thresholds.complaint_rate_max),
      warn_margin: share(thresholds.warn_margin),
    }),
    burst: defined(burst),
  };
}

function knownFields(values: Values): FieldPath[] {
  const fields: FieldPath[] = [['mchid'], ['merchant_serial_no'], ['apiv3_key'], ['merchant_private_key'], ['platform_public_keys'], ['api_base_url'], ['enabled'], ['sync_interval_minutes']];
  values.platform_public_keys.forEach((_, index) => fields.push(['platform_public_keys', index, 'id'], ['platform_public_keys', index, 'pem']));
  for (const name of ['timely_handling_rate_min', 'repeat_complaint_rate_max', 'complaint_rate_max', 'warn_margin']) fields.push(['thresholds', name]);
  for (const name of ['window_minutes', 'baseline_days', 'factor', 'min_count']) fields.push(['burst', name]);
  return fields;
}

function WechatPayForm({ current, open, onClose }: { current: WechatPayIntegration | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('settingsSla');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const secretPlaceholder = useSecretPlaceholder();
  const { mutation: save, errors, submit } = useFormSave(form, {
    mutationFn: (body: WechatPayInput) => api<WechatPayIntegration>('/integrations/wechatpay', { method: 'PUT', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.wechatpay, saved);
      message.success(t('wechatpay.saved'));
      onClose();
    },
    fieldErrors: (error) => showFieldErrors(form, error, knownFields(form.getFieldsValue(true) as Values)),
  });
  return (
    <FormDrawer open={open} onClose={onClose} title={current ? t('wechatpay.editTitle') : t('wechatpay.setupTitle')} saving={save.isPending} onSave={() => void submit(toBody)}>
      <Form form={form} layout="vertical" name="wechatpay" initialValues={toValues(current)} autoComplete="off">
        <FormErrorAlert errors={errors} split style={{ marginBottom: 16 }} />
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="mchid" label={t('wechatpay.mchid')} rules={[{ required: true, message: t('policyForm.required') }, { pattern: /^\s*[0-9]{6,32}\s*$/, message: t('wechatpay.mchidInvalid') }]}>
              <Input placeholder="1900000109" inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="merchant_serial_no" label={t('wechatpay.serial')} tooltip={t('wechatpay.serialHelp')} rules={[{ required: true, message: t('policyForm.required') }]}>
              <Input placeholder="5157F09EFDC096DE15EBE81A47057A7232F1B8E1" />
            </Form.Item>
          </Col>
        </Row>
        <SecretItem name="apiv3_key" label={t('wechatpay.apiv3')} extra={t('wechatpay.apiv3Help')} stored={current?.apiv3_key_set} requiredMessage={t('policyForm.required')} input={{ maxLength: 32 }} />
        <Form.Item name="merchant_private_key" label={t('wechatpay.privateKey')} extra={t('wechatpay.privateKeyHelp')} rules={current ? [] : [{ required: true, message: t('policyForm.required') }]}>
          <Input.TextArea rows={4} placeholder={secretPlaceholder(current !== null, '-----BEGIN PRIVATE KEY-----')} spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Typography.Text strong>{t('wechatpay.platformKeys')}</Typography.Text>
        <Typography.Paragraph type="secondary">{current ? t('wechatpay.platformKeysAgain') : t('wechatpay.platformKeysHelp')}</Typography.Paragraph>
        <Form.List name="platform_public_keys">
          {(fields, { add, remove }, { errors: listErrors }) => (
            <>
              {fields.map((field, index) => (
                <div key={field.key} role="group" aria-label={t('wechatpay.platformKeyN', { n: index + 1 })} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 0', marginBottom: 12 }}>
                  <Form.Item name={[field.name, 'id']} label={t('wechatpay.platformKeyId')} tooltip={t('wechatpay.platformKeyIdHelp')} rules={[{ required: true, message: t('policyForm.required') }]}>
                    <Input placeholder="PUB_KEY_ID_0114232134912410000" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'pem']} label={t('wechatpay.platformKeyPem')} rules={[{ required: true, message: t('wechatpay.pemRequired') }]}>
                    <Input.TextArea rows={3} placeholder="-----BEGIN PUBLIC KEY-----" spellCheck={false} style={{ fontFamily: 'monospace' }} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Form.Item>
                      <Button danger size="small" onClick={() => remove(field.name)}>
                        {t('wechatpay.removeKey', { n: index + 1 })}
                      </Button>
                    </Form.Item>
                  )}
                </div>
              ))}
              <Form.ErrorList errors={listErrors} />
              {fields.length < 5 && (
                <Button icon={<PlusOutlined />} onClick={() => add({ id: '', pem: '' })} style={{ marginBottom: 16 }}>
                  {t('wechatpay.addKey')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="api_base_url" label={t('wechatpay.baseUrl')} tooltip={t('wechatpay.baseUrlHelp')} rules={[{ required: true, message: t('policyForm.required') }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="sync_interval_minutes" label={t('wechatpay.syncInterval')}>
              <InputNumber min={1} max={1440} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <SwitchItem name="enabled" label={t('wechatpay.enabled')} tooltip={t('wechatpay.enabledHelp')} />
          </Col>
        </Row>
        <Collapse
          items={[
            {
              key: 'alerts',
              label: t('wechatpay.alertsTitle'),
              children: (
                <Row gutter={12}>
                  {(['timely_handling_rate_min', 'repeat_complaint_rate_max', 'complaint_rate_max', 'warn_margin'] as const).map((name) => (
                    <Col xs={12} md={6} key={name}>
                      <Form.Item name={['thresholds', name]} label={t(`wechatpay.threshold.${name}`)}>
                        <InputNumber min={0} max={name === 'warn_margin' ? 50 : 100} step={0.1} suffix="%" style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  ))}
                  {(['window_minutes', 'baseline_days', 'factor', 'min_count'] as const).map((name) => (
                    <Col xs={12} md={6} key={name}>
                      <Form.Item name={['burst', name]} label={t(`wechatpay.burst.${name}`)}>
                        <InputNumber min={name === 'window_minutes' ? 10 : name === 'min_count' ? 2 : 1} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              ),
            },
          ]}
        />
      </Form>
    </FormDrawer>
  );
}

/** WeChat Pay consumer complaints: keys (write-only), the callback URL, and test / register / sync. */
export function WechatPaySettings() {
  const { t, i18n } = useTranslation('settingsSla');
  const queryClient = useQueryClient();
  const wechatpay = useWechatPay();
  const [editing, setEditing] = useState(false);
  const [notifyUrl, setNotifyUrl] = useState<string | null>(null);
  const test = useMutation({ mutationFn: () => api<WechatPayTest>('/integrations/wechatpay/test', { method: 'POST' }) });
  const register = useMutation({ mutationFn: (url: string | undefined) => api<{ url: string }>('/integrations/wechatpay/notification-url', { method: 'POST', body: url ? { url } : {} }) });
  const sync = useMutation({
    mutationFn: () => api<WechatPaySync>('/integrations/wechatpay/sync', { method: 'POST', body: {} }),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: keys.wechatpay }), queryClient.invalidateQueries({ queryKey: ['cases'] })]),
  });
  const current = wechatpay.data ?? null;
  const url = notifyUrl ?? current?.callback_url ?? '';

  return (
    <Card
      id="wechatpay"
      title={<IntegrationTitle title={t('wechatpay.title')} integration={current} />}
      extra={
        wechatpay.isSuccess && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {current ? t('wechatpay.edit') : t('wechatpay.setup')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('wechatpay.intro')}</Typography.Paragraph>
      <QueryResult query={wechatpay}>
        {() =>
          !current ? (
            <EmptyState>{t('wechatpay.empty')}</EmptyState>
          ) : (
            <>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                bordered
                items={[
                  { key: 'mchid', label: t('wechatpay.mchid'), children: current.mchid },
                  { key: 'serial', label: t('wechatpay.serial'), children: <Typography.Text style={{ wordBreak: 'break-all' }}>{current.merchant_serial_no}</Typography.Text> },
                  { key: 'apiv3', label: t('wechatpay.apiv3'), children: <SecretState set={current.apiv3_key_set} testId="wechatpay-apiv3" /> },
                  {
                    key: 'private',
                    label: t('wechatpay.privateKey'),
                    children: (
                      <Space orientation="vertical" size={0}>
                        <SecretState set />
                        <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                          {t('wechatpay.fingerprint', { value: current.merchant_key_fingerprint })}
                        </Typography.Text>
                      </Space>
                    ),
                  },
                  {
                    key: 'platform',
                    label: t('wechatpay.platformKeys'),
                    span: 'filled',
                    children: (
                      <Space orientation="vertical" size={0}>
                        {current.platform_public_keys.map((key) => (
                          <Typography.Text key={key.id} style={{ fontSize: 12, wordBreak: 'break-all' }}>
                            {key.id} · {key.fingerprint}
                          </Typography.Text>
                        ))}
                      </Space>
                    ),
                  },
                  { key: 'base', label: t('wechatpay.baseUrl'), children: current.api_base_url },
                  { key: 'interval', label: t('wechatpay.syncInterval'), children: t('wechatpay.minutes', { count: current.sync_interval_minutes }) },
                  {
                    key: 'sync',
                    label: t('wechatpay.lastSync'),
                    span: 'filled',
                    children: (
                      <Space orientation="vertical" size={0}>
                        <span>{current.sync.last_finished_at ? formatLocal(current.sync.last_finished_at, i18n.language) : t('wechatpay.never')}</span>
                        {current.sync.next_run_at && current.enabled && <Typography.Text type="secondary">{t('wechatpay.nextSync', { at: formatLocal(current.sync.next_run_at, i18n.language) })}</Typography.Text>}
                        {current.sync.last_error && <Typography.Text type="danger">{current.sync.last_error}</Typography.Text>}
                      </Space>
                    ),
                  },
                ]}
              />

              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('wechatpay.callbackTitle')}
              </Typography.Title>
              <Typography.Paragraph>{t('wechatpay.callbackHelp')}</Typography.Paragraph>
              <Typography.Paragraph>
                <CopyUrl url={current.callback_url} testId="wechatpay-callback" />
              </Typography.Paragraph>
              <Space.Compact style={{ width: '100%', maxWidth: 720 }}>
                <Input value={url} onChange={(event) => setNotifyUrl(event.target.value)} aria-label={t('wechatpay.notifyUrl')} />
                <Button icon={<ApiOutlined />} loading={register.isPending} onClick={() => register.mutate(url.trim() === current.callback_url ? undefined : url.trim())}>
                  {t('wechatpay.register')}
                </Button>
              </Space.Compact>
              {register.isSuccess && <Alert type="success" showIcon title={t('wechatpay.registered', { url: register.data.url })} style={{ marginTop: 8 }} />}
              {register.isError && <Alert type="error" showIcon title={t('wechatpay.registerFailed')} description={problemText(register.error)} style={{ marginTop: 8 }} />}

              <Flex gap={8} wrap style={{ marginTop: 16 }}>
                <Button icon={<ApiOutlined />} loading={test.isPending} onClick={() => test.mutate()}>
                  {t('wechatpay.test')}
                </Button>
                <Button icon={<SyncOutlined />} loading={sync.isPending} onClick={() => sync.mutate()} disabled={!current.enabled} title={current.enabled ? undefined : t('wechatpay.syncDisabled')}>
                  {t('wechatpay.sync')}
                </Button>
              </Flex>
              {!current.enabled && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                  {t('wechatpay.syncDisabled')}
                </Typography.Paragraph>
              )}
              {test.isError && <Alert type="error" showIcon title={problemText(test.error)} style={{ marginTop: 12 }} />}
              {test.data && (
                <Alert
                  style={{ marginTop: 12 }}
                  type={test.data.ok ? 'success' : 'error'}
                  showIcon
                  data-testid="wechatpay-test-result"
                  title={test.data.ok ? t('wechatpay.testOk') : t('wechatpay.testFailed')}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }}>
                      {test.data.checks.map((check) => (
                        <li key={check.name}>
                          {check.ok ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />} {t(`wechatpay.check.${check.name}`, { defaultValue: check.name })}
                          {!check.ok && ` — ${[check.status, check.code, check.message].filter((part) => part !== null).join(' ')}`}
                        </li>
                      ))}
                    </ul>
                  }
                />
              )}
              {sync.isError && <Alert type="error" showIcon title={t('wechatpay.syncFailed')} description={problemText(sync.error)} style={{ marginTop: 12 }} />}
              {sync.data && (
                <Alert
                  style={{ marginTop: 12 }}
                  type={sync.data.failed > 0 ? 'warning' : 'success'}
                  showIcon
                  icon={sync.data.failed > 0 ? <MinusCircleOutlined /> : undefined}
                  title={t('wechatpay.synced', sync.data)}
                  description={sync.data.errors.length > 0 ? sync.data.errors.join(' · ') : undefined}
                />
              )}
            </>
          )
        }
      </QueryResult>
      {wechatpay.isSuccess && <WechatPayForm current={current} open={editing} onClose={() => setEditing(false)} />}
    </Card>
  );
}
