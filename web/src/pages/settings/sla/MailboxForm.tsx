import { useState } from 'react';
import { Alert, Button, Col, Divider, Drawer, Flex, Form, Input, InputNumber, Radio, Row, Switch, Typography, type FormInstance } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ProblemError } from '../../../api/client';
import { showFieldErrors, type FieldPath } from './fieldErrors';
import type { Mailbox, MailboxInput } from './types';

type Values = {
  address: string;
  display_name: string;
  enabled: boolean;
  locale: 'zh-CN' | 'en';
  signature: string;
  use_imap: boolean;
  imap: { host: string; port: number | null; secure: boolean; user: string; password: string; folder: string };
  use_smtp: boolean;
  smtp: { host: string; port: number | null; secure: boolean; user: string; password: string };
  poll_interval_seconds: number | null;
  sender_limit_per_hour: number | null;
};

function toValues(mailbox: Mailbox | null): Values {
  return {
    address: mailbox?.address ?? '',
    display_name: mailbox?.display_name ?? '',
    enabled: mailbox?.enabled ?? true,
    locale: mailbox?.locale ?? 'zh-CN',
    signature: mailbox?.signature ?? '',
    use_imap: mailbox ? mailbox.imap !== null : true,
    imap: { host: mailbox?.imap?.host ?? '', port: mailbox?.imap?.port ?? 993, secure: mailbox?.imap?.secure ?? true, user: mailbox?.imap?.user ?? '', password: '', folder: mailbox?.imap?.folder ?? 'INBOX' },
    use_smtp: mailbox ? mailbox.smtp !== null : true,
    smtp: { host: mailbox?.smtp?.host ?? '', port: mailbox?.smtp?.port ?? 587, secure: mailbox?.smtp?.secure ?? false, user: mailbox?.smtp?.user ?? '', password: '' },
    poll_interval_seconds: mailbox?.poll_interval_seconds ?? 60,
    sender_limit_per_hour: mailbox?.sender_limit_per_hour ?? 20,
  };
}

function toBody(values: Values): MailboxInput {
  const { imap, smtp } = values;
  return {
    address: values.address.trim(),
    display_name: values.display_name.trim() || null,
    enabled: values.enabled,
    locale: values.locale,
    signature: values.signature,
    imap: values.use_imap
      ? { host: imap.host.trim(), ...(imap.port !== null ? { port: imap.port } : {}), secure: imap.secure, user: imap.user.trim(), ...(imap.password ? { password: imap.password } : {}), folder: imap.folder.trim() || 'INBOX' }
      : null,
    smtp: values.use_smtp
      ? { host: smtp.host.trim(), ...(smtp.port !== null ? { port: smtp.port } : {}), secure: smtp.secure, ...(smtp.user.trim() ? { user: smtp.user.trim() } : {}), ...(smtp.password ? { password: smtp.password } : {}) }
      : null,
    ...(values.poll_interval_seconds !== null ? { poll_interval_seconds: values.poll_interval_seconds } : {}),
    ...(values.sender_limit_per_hour !== null ? { sender_limit_per_hour: values.sender_limit_per_hour } : {}),
  };
}

const fields: FieldPath[] = [
  ['address'], ['display_name'], ['enabled'], ['locale'], ['signature'], ['poll_interval_seconds'], ['sender_limit_per_hour'],
  ...['host', 'port', 'secure', 'user', 'password', 'folder'].map((part) => ['imap', part]),
  ...['host', 'port', 'secure', 'user', 'password'].map((part) => ['smtp', part]),
];

/** TLS on or off moves the port between the usual pair, unless someone typed their own. */
function TlsSwitch({ form, server, ports, label }: { form: FormInstance<Values>; server: 'imap' | 'smtp'; ports: [number, number]; label: string }) {
  return (
    <Form.Item name={[server, 'secure']} label={label} valuePropName="checked">
      <Switch
        onChange={(secure) => {
          const port = form.getFieldValue([server, 'port']) as number | null;
          if (port === null || ports.includes(port)) form.setFieldValue([server, 'port'], secure ? ports[0] : ports[1]);
        }}
      />
    </Form.Item>
  );
}

export function MailboxForm({ open, mailbox, onClose, onSaved }: { open: boolean; mailbox: Mailbox | null; onClose: () => void; onSaved: (saved: Mailbox, created: boolean) => void }) {
  const { t } = useTranslation('settingsSla');
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[]>([]);
  const useImap = Form.useWatch('use_imap', form);
  const useSmtp = Form.useWatch('use_smtp', form);
  const save = useMutation({
    mutationFn: (body: MailboxInput) => (mailbox ? api<Mailbox>(`/mailboxes/${mailbox.id}`, { method: 'PUT', body }) : api<Mailbox>('/mailboxes', { method: 'POST', body })),
    onSuccess: (saved) => onSaved(saved, mailbox === null),
    onError: (error) => {
      if (error instanceof ProblemError && error.code === 'conflict') {
        form.setFields([{ name: ['address'], errors: [error.detail ?? error.title] }]);
        setErrors([]);
      } else setErrors(showFieldErrors(form, error, fields));
    },
  });
  const submit = async () => {
    setErrors([]);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    save.mutate(toBody(form.getFieldsValue(true) as Values));
  };
  const secretPlaceholder = (set: boolean | undefined) => (set ? t('integrations.keepSecret') : t('integrations.notSetYet'));
  const required = [{ required: true, whitespace: true, message: t('policyForm.required') }];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      destroyOnHidden
      size="large"
      title={mailbox ? t('mailboxes.editTitle', { address: mailbox.address }) : t('mailboxes.newTitle')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
            {t('common:actions.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" name="mailbox" initialValues={toValues(mailbox)} autoComplete="off">
        {errors.length > 0 && <Alert type="error" showIcon title={errors[0]} description={errors.slice(1).join(' · ') || undefined} style={{ marginBottom: 16 }} role="alert" />}
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={t('mailboxes.address')} rules={[...required, { type: 'email', message: t('mailboxes.addressInvalid') }]}>
              <Input placeholder="support@example.com" type="email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="display_name" label={t('mailboxes.displayName')}>
              <Input maxLength={100} placeholder={t('mailboxes.displayNamePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="enabled" label={t('mailboxes.enabled')} valuePropName="checked" tooltip={t('mailboxes.enabledHelp')}>
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="locale" label={t('mailboxes.locale')} tooltip={t('mailboxes.localeHelp')}>
              <Radio.Group optionType="button" options={[{ value: 'zh-CN', label: t('mailboxes.localeZh') }, { value: 'en', label: t('mailboxes.localeEn') }]} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="signature" label={t('mailboxes.signature')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('mailboxes.imapTitle')}</Divider>
        <Form.Item name="use_imap" valuePropName="checked" label={t('mailboxes.useImap')} extra={t('mailboxes.useImapHelp')}>
          <Switch />
        </Form.Item>
        {useImap && (
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name={['imap', 'host']} label={t('mailboxes.imapHost')} rules={required}>
                <Input placeholder="imap.example.com" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={['imap', 'port']} label={t('mailboxes.port')}>
                <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <TlsSwitch form={form} server="imap" ports={[993, 143]} label={t('mailboxes.imapTls')} />
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['imap', 'user']} label={t('mailboxes.user')} rules={required}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['imap', 'password']} label={t('mailboxes.password')} rules={mailbox?.imap?.password_set ? [] : [{ required: true, message: t('policyForm.required') }]}>
                <Input.Password autoComplete="new-password" placeholder={secretPlaceholder(mailbox?.imap?.password_set)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['imap', 'folder']} label={t('mailboxes.folder')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="poll_interval_seconds" label={t('mailboxes.pollInterval')}>
                <InputNumber min={10} max={86400} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}

        <Divider titlePlacement="start">{t('mailboxes.smtpTitle')}</Divider>
        <Form.Item name="use_smtp" valuePropName="checked" label={t('mailboxes.useSmtp')} extra={t('mailboxes.useSmtpHelp')}>
          <Switch />
        </Form.Item>
        {useSmtp && (
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name={['smtp', 'host']} label={t('mailboxes.smtpHost')} rules={required}>
                <Input placeholder="smtp.example.com" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={['smtp', 'port']} label={t('mailboxes.port')}>
                <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <TlsSwitch form={form} server="smtp" ports={[465, 587]} label={t('mailboxes.smtpTls')} />
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['smtp', 'user']} label={t('mailboxes.smtpUser')}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['smtp', 'password']} label={t('mailboxes.password')}>
                <Input.Password autoComplete="new-password" placeholder={secretPlaceholder(mailbox?.smtp?.password_set)} />
              </Form.Item>
            </Col>
          </Row>
        )}

        <Divider titlePlacement="start">{t('mailboxes.limitsTitle')}</Divider>
        <Form.Item name="sender_limit_per_hour" label={t('mailboxes.senderLimit')} extra={t('mailboxes.senderLimitHelp')}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Typography.Text type="secondary">{t('mailboxes.passwordsNote')}</Typography.Text>
      </Form>
    </Drawer>
  );
}
