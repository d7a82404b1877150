import { useState } from 'react';
import { Alert, App, Button, Checkbox, Col, Flex, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { Team } from '../../../api/types';
import { FormDrawer } from '../shared/FormDrawer';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import { SecretState } from '../shared/secrets';
import { applyServerErrors } from '../shared/serverErrors';
import { SwitchItem, TlsSwitch } from '../shared/switches';
import { useFormSave } from '../shared/useFormSave';
import { blankValues, bodyOf, defaultPorts, eventKey, randomSecret, storedSecrets, valuesOf, type ChannelValues } from './channelForm';
import { ChannelKindLabel } from './ChannelKindLabel';
import { keys, useTeamLabel } from './queries';
import { channelKinds, notificationEvents, type Channel, type ChannelKind } from './types';

const httpUrl = /^https?:\/\/\S+$/i;
const urlPlaceholders: Record<ChannelKind, string> = {
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
  slack: 'https://hooks.slack.com/services/T…/B…/…',
  webhook: 'https://example.com/hooks/paydesk',
  email: '',
};

/** Adds or replaces a notification channel; the fields follow the kind. Secrets are write-only. */
export function ChannelFormDrawer({ channel, teams, onClose }: { channel: Channel | null; teams: Team[]; onClose(): void }) {
  const { t } = useTranslation('settingsAccess');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const teamLabel = useTeamLabel();
  const [form] = Form.useForm<ChannelValues>();
  // A generated webhook secret is shown, so it can be copied to the receiver before saving.
  const [secretVisible, setSecretVisible] = useState(false);
  const stored = channel ? storedSecrets(channel) : null;
  const kind = (Form.useWatch(['config', 'kind'], form) as ChannelKind | undefined) ?? (channel?.kind as ChannelKind | undefined) ?? 'wecom';
  const format = Form.useWatch(['config', 'format'], form) as string | undefined;
  const clearSecret = Form.useWatch(['config', 'clear_secret'], form) as boolean | undefined;
  const user = Form.useWatch(['config', 'user'], form) as string | undefined;
  // A stored secret is only kept when it is entered again (the API never returns it) — unless the kind changed.
  const sameKind = channel?.kind === kind;

  const { mutation: save, errors, send } = useFormSave(form, {
    mutationFn: (values: ChannelValues) => {
      const body = bodyOf(values);
      return channel ? api<Channel>(`/notification-channels/${channel.id}`, { method: 'PUT', body }) : api<Channel>('/notification-channels', { method: 'POST', body });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: keys.channels });
      void message.success(channel ? t('channels.saved', { name: saved.name }) : t('channels.created', { name: saved.name }));
      onClose();
    },
    fieldErrors: (error) => applyServerErrors(form, error),
  });

  const secretState = (set: boolean) => <SecretState set={set} testId="secret-state" />;

  const urlField = kind !== 'email' && (
    <Form.Item
      name={['config', 'url']}
      label={t('channels.url')}
      rules={[{ required: true, message: t('channels.urlRequired') }, { pattern: httpUrl, message: t('channels.urlInvalid') }, { max: 2048 }]}
      extra={
        channel && sameKind ? (
          <Space size={4} wrap>
            {secretState(true)}
            <span>{t('channels.urlStored', { host: stored?.host ?? '—' })}</span>
          </Space>
        ) : (
          t(`channels.urlHelp.${kind}`)
        )
      }
    >
      <Input autoComplete="off" placeholder={urlPlaceholders[kind]} />
    </Form.Item>
  );

  const optionalSecret = (kind === 'dingtalk' || kind === 'feishu') && (
    <>
      <Form.Item
        name={['config', 'secret']}
        label={t(`channels.secretLabel.${kind}`)}
        dependencies={[['config', 'clear_secret']]}
        rules={[{ required: Boolean(channel && sameKind && stored?.secret && !clearSecret), message: t('channels.secretAgain') }, { max: 256 }]}
        extra={
          <Space size={4} wrap>
            {channel && sameKind && secretState(Boolean(stored?.secret))}
            <span>{channel && sameKind && stored?.secret ? t('channels.secretKeep') : t(`channels.secretHelp.${kind}`)}</span>
          </Space>
        }
      >
        <Input.Password autoComplete="new-password" disabled={Boolean(clearSecret)} placeholder={kind === 'dingtalk' ? 'SEC…' : ''} />
      </Form.Item>
      {channel && sameKind && stored?.secret && (
        <Form.Item name={['config', 'clear_secret']} valuePropName="checked">
          <Checkbox>{t('channels.clearSecret')}</Checkbox>
        </Form.Item>
      )}
    </>
  );

  return (
    <FormDrawer
      size={620}
      title={channel ? t('channels.editTitle', { name: channel.name }) : t('channels.addTitle')}
      onClose={onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      saveText={channel ? t('common:actions.save') : t('channels.addSubmit')}
    >
      {stored?.unreadable && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('channels.unreadable')} />}
      {channel && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('channels.reenter')} />}
      <FormErrorAlert errors={errors} separator="; " style={{ marginBottom: 16 }} />
      <Form<ChannelValues> form={form} layout="vertical" name={channel ? 'edit-channel' : 'create-channel'} initialValues={channel ? valuesOf(channel) : blankValues()} onFinish={send}>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, whitespace: true, message: t('channels.nameRequired') }, { max: 200 }]}>
              <Input autoComplete="off" placeholder={t('channels.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name={['config', 'kind']} label={t('channels.kind')} rules={[{ required: true }]}>
              <Select options={channelKinds.map((value) => ({ value, label: <ChannelKindLabel kind={value} /> }))} />
            </Form.Item>
          </Col>
        </Row>

        {urlField}
        {(kind === 'wecom' || kind === 'dingtalk') && (
          <Form.Item name={['config', 'format']} label={t('channels.format')}>
            <Radio.Group
              options={[
                { value: 'markdown', label: t('channels.formatMarkdown') },
                { value: 'text', label: t('channels.formatText') },
              ]}
            />
          </Form.Item>
        )}
        {kind === 'wecom' && format === 'text' && (
          <Form.Item name={['config', 'mentioned_mobiles']} label={t('channels.mentions')} extra={t('channels.mentionsHelp')} rules={[{ type: 'array', max: 50 }, { validator: async (_, value: string[] | undefined) => ((value ?? []).every((entry) => /^(\+?\d{5,20}|@all)$/.test(entry)) ? undefined : Promise.reject(new Error(t('channels.mentionsInvalid')))) }]}>
            <Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} placeholder="13800000000, @all" />
          </Form.Item>
        )}
        {optionalSecret}
        {kind === 'webhook' && (
          <Form.Item
            label={t('channels.webhookSecret')}
            required
            extra={
              <Space size={4} wrap>
                {channel && sameKind && secretState(true)}
                <span>{channel && sameKind ? t('channels.webhookSecretAgain') : t('channels.webhookSecretHelp')}</span>
              </Space>
            }
          >
            <Flex gap={8}>
              <Form.Item name={['config', 'secret']} noStyle rules={[{ required: true, message: t('channels.webhookSecretRequired') }, { min: 16, message: t('channels.webhookSecretShort') }, { max: 256 }]}>
                <Input.Password autoComplete="new-password" aria-label={t('channels.webhookSecret')} visibilityToggle={{ visible: secretVisible, onVisibleChange: setSecretVisible }} />
              </Form.Item>
              <Button
                onClick={() => {
                  form.setFieldValue(['config', 'secret'], randomSecret());
                  setSecretVisible(true);
                }}
              >
                {t('channels.generate')}
              </Button>
            </Flex>
          </Form.Item>
        )}
        {kind === 'email' && (
          <>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name={['config', 'host']} label={t('channels.smtpHost')} rules={[{ required: true, whitespace: true, message: t('channels.smtpHostRequired') }, { max: 255 }]}>
                  <Input autoComplete="off" placeholder="smtp.example.com" />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name={['config', 'port']} label={t('channels.smtpPort')} rules={[{ required: true, message: t('channels.smtpPortRequired') }]}>
                  <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <TlsSwitch name={['config', 'secure']} portName={['config', 'port']} ports={[defaultPorts.secure, defaultPorts.plain]} label={t('channels.smtpSecure')} tooltip={t('channels.smtpSecureHelp')} />
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name={['config', 'user']} label={t('channels.smtpUser')} extra={t('channels.smtpUserHelp')} rules={[{ max: 255 }]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name={['config', 'password']}
                  label={t('channels.smtpPassword')}
                  dependencies={[['config', 'user']]}
                  rules={[{ required: Boolean(user?.trim()), message: t('channels.smtpPasswordRequired') }, { max: 1024 }]}
                  extra={
                    channel && sameKind ? (
                      <Space size={4} wrap>
                        {secretState(Boolean(stored?.password))}
                        {stored?.password && <span>{t('channels.secretKeep')}</span>}
                      </Space>
                    ) : undefined
                  }
                >
                  <Input.Password autoComplete="new-password" disabled={!user?.trim()} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name={['config', 'from']} label={t('channels.smtpFrom')} rules={[{ required: true, whitespace: true, message: t('channels.smtpFromRequired') }, { min: 3 }, { max: 320 }]}>
              <Input autoComplete="off" placeholder="Paydesk <desk@example.cn>" />
            </Form.Item>
            <Form.Item
              name={['config', 'to']}
              label={t('channels.smtpTo')}
              extra={t('channels.smtpToHelp')}
              rules={[
                { required: true, type: 'array', min: 1, message: t('channels.smtpToRequired') },
                { type: 'array', max: 50 },
                { validator: async (_, value: string[] | undefined) => ((value ?? []).every((entry) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(entry)) ? undefined : Promise.reject(new Error(t('channels.smtpToInvalid')))) },
              ]}
            >
              <Select mode="tags" tokenSeparators={[',', ' ', ';', '，']} open={false} placeholder="ops@example.com" />
            </Form.Item>
          </>
        )}

        <Typography.Title level={5} style={{ marginTop: 8 }}>
          {t('channels.routing')}
        </Typography.Title>
        <Form.Item name="events" label={t('channels.events')} rules={[{ required: true, type: 'array', min: 1, message: t('channels.eventsRequired') }]}>
          <Checkbox.Group>
            <Row gutter={[8, 4]}>
              {notificationEvents.map((event) => (
                <Col key={event} xs={24} sm={12}>
                  <Checkbox value={event}>{t(`event.${eventKey(event)}`)}</Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="teams" label={t('channels.teams')} extra={t('channels.teamsHelp')}>
          <Select mode="multiple" allowClear placeholder={t('channels.allTeams')} options={teams.map((team) => ({ value: team.code, label: teamLabel(team.code, teams) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="locale" label={t('channels.locale')}>
              <Radio.Group
                options={[
                  { value: 'zh-CN', label: t('locale.zh-CN') },
                  { value: 'en', label: t('locale.en') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <SwitchItem name="enabled" label={t('channels.enabled')} extra={t('channels.enabledHelp')} />
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
