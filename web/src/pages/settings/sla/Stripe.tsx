import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Flex, Form, Input, Row, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useSession } from '../../../api/session';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import { QueryResult } from '../shared/QueryResult';
import { SecretItem, SecretState } from '../shared/secrets';
import { showFieldErrors } from '../shared/serverErrors';
import { SwitchItem } from '../shared/switches';
import { useFormSave } from '../shared/useFormSave';
import { CopyUrl, IntegrationTitle } from './integrationParts';
import { keys, useStripe } from './queries';
import { formatLocal } from './time';
import type { StripeInput, StripeIntegration } from './types';

type Values = { webhook_secret: string; api_key: string; remove_api_key: boolean; api_base_url: string; enabled: boolean };

const disputeEvents = ['charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed', 'charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated'];

function StripeForm({ current }: { current: StripeIntegration | null }) {
  const { t } = useTranslation('settingsSla');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const removing = Form.useWatch('remove_api_key', form);
  const { mutation: save, errors, send } = useFormSave(form, {
    mutationFn: (body: StripeInput) => api<StripeIntegration>('/integrations/stripe', { method: 'PUT', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.stripe, saved);
      message.success(t('stripe.saved'));
      // Secrets never stay in the page once stored.
      form.setFieldsValue({ webhook_secret: '', api_key: '', remove_api_key: false });
    },
    fieldErrors: (error) => showFieldErrors(form, error, [['webhook_secret'], ['api_key'], ['api_base_url'], ['enabled']]),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      name="stripe"
      autoComplete="off"
      initialValues={{ webhook_secret: '', api_key: '', remove_api_key: false, api_base_url: current?.api_base_url ?? 'https://api.stripe.com', enabled: current?.enabled ?? true }}
      onFinish={(values) =>
        send({
          ...(values.webhook_secret.trim() ? { webhook_secret: values.webhook_secret.trim() } : {}),
          ...(values.remove_api_key ? { api_key: null } : values.api_key.trim() ? { api_key: values.api_key.trim() } : {}),
          api_base_url: values.api_base_url.trim(),
          enabled: values.enabled,
        })
      }
    >
      <FormErrorAlert errors={errors} style={{ marginBottom: 12 }} />
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <SecretItem
            name="webhook_secret"
            label={t('stripe.webhookSecret')}
            extra={t('stripe.webhookSecretHelp')}
            stored={current?.webhook_secret_set}
            requiredMessage={t('policyForm.required')}
            rules={[{ pattern: /^\s*(whsec_\S+)?\s*$/, message: t('stripe.webhookSecretInvalid') }]}
            placeholder="whsec_…"
          />
        </Col>
        <Col xs={24} md={12}>
          <SecretItem name="api_key" label={t('stripe.apiKey')} extra={t('stripe.apiKeyHelp')} stored={current?.api_key_set} placeholder="rk_live_… / sk_live_…" input={{ disabled: removing === true }} />
          {current?.api_key_set && (
            <Form.Item name="remove_api_key" valuePropName="checked" style={{ marginTop: -12 }}>
              <Checkbox>{t('stripe.removeApiKey')}</Checkbox>
            </Form.Item>
          )}
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="api_base_url" label={t('stripe.baseUrl')} tooltip={t('stripe.baseUrlHelp')} rules={[{ required: true, message: t('policyForm.required') }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <SwitchItem name="enabled" label={t('stripe.enabled')} tooltip={t('stripe.enabledHelp')} />
        </Col>
      </Row>
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {current ? t('stripe.save') : t('stripe.connect')}
        </Button>
      </Flex>
    </Form>
  );
}

/** Stripe disputes: the webhook signing secret and API key (write-only) and the endpoint URL to give Stripe. */
export function StripeSettings() {
  const { t, i18n } = useTranslation('settingsSla');
  const { me } = useSession();
  const stripe = useStripe();
  const current = stripe.data ?? null;
  // Before the first save the server has not named the URL yet; it is this desk's address plus the tenant.
  const webhookUrl = current?.webhook_url ?? `${window.location.origin}/webhooks/stripe/${encodeURIComponent(me.tenant.slug)}`;
  return (
    <Card
      id="stripe"
      title={<IntegrationTitle title={t('stripe.title')} integration={current} />}
    >
      <QueryResult query={stripe}>
        {() => (
          <>
            <Typography.Paragraph type="secondary">{current ? t('stripe.intro') : t('stripe.empty')}</Typography.Paragraph>
            <Alert
              type="info"
              showIcon
              title={t('stripe.stepsTitle')}
              style={{ marginBottom: 16 }}
              description={
                <ol style={{ margin: 0, paddingInlineStart: 18 }}>
                  <li>
                    {t('stripe.step1')} <CopyUrl url={webhookUrl} testId="stripe-webhook-url" />
                  </li>
                  <li>
                    {t('stripe.step2')} <Typography.Text code>{disputeEvents.join(', ')}</Typography.Text>
                  </li>
                  <li>{t('stripe.step3')}</li>
                </ol>
              }
            />
            {current && (
              <Descriptions
                size="small"
                bordered
                column={{ xs: 1, md: 2 }}
                style={{ marginBottom: 16 }}
                items={[
                  { key: 'secret', label: t('stripe.webhookSecret'), children: <SecretState set={current.webhook_secret_set} testId="stripe-secret-state" /> },
                  { key: 'key', label: t('stripe.apiKey'), children: <SecretState set={current.api_key_set} testId="stripe-key-state" /> },
                  { key: 'last', label: t('stripe.lastEvent'), children: current.last_event_at ? formatLocal(current.last_event_at, i18n.language) : t('stripe.noEvents') },
                  { key: 'updated', label: t('stripe.updated'), children: formatLocal(current.updated_at, i18n.language) },
                ]}
              />
            )}
            <StripeForm key={current?.updated_at ?? 'new'} current={current} />
          </>
        )}
      </QueryResult>
    </Card>
  );
}
