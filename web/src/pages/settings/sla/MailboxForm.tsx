import type { ReactNode } from 'react';
import { Col, Divider, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { FormDrawer } from '../shared/FormDrawer';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import { SecretItem } from '../shared/secrets';
import { showConflictOn, showFieldErrors, type FieldPath } from '../shared/serverErrors';
import { SwitchItem, TlsSwitch } from '../shared/switches';
import { useFormSave } from '../shared/useFormSave';
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

/** IMAP reads with a login; SMTP sends with one only if the server wants it. */
const servers = {
  imap: { ports: [993, 143], login: true },
  smtp: { ports: [465, 587], login: false },
} as const;

/** A mail server's connection: host, port, TLS, user and password (write-only), then `children`. */
function MailServerFields({ server, passwordStored, children }: { server: keyof typeof servers; passwordStored: boolean | undefined; children?: ReactNode }) {
  const { t } = useTranslation('settingsSla');
  const { ports, login } = servers[server];
  const required = [{ required: true, whitespace: true, message: t('policyForm.required') }];
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item name={[server, 'host']} label={t(`mailboxes.${server}Host`)} rules={required}>
          <Input placeholder={`${server}.example.com`} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={[server, 'port']} label={t('mailboxes.port')}>
          <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <TlsSwitch name={[server, 'secure']} portName={[server, 'port']} ports={ports} label={t(`mailboxes.${server}Tls`)} />
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[server, 'user']} label={login ? t('mailboxes.user') : t('mailboxes.smtpUser')} rules={login ? required : undefined}>
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <SecretItem name={[server, 'password']} label={t('mailboxes.password')} stored={passwordStored} requiredMessage={login ? t('policyForm.required') : undefined} />
      </Col>
      {children}
    </Row>
  );
}

export function MailboxForm({ open, mailbox, onClose, onSaved }: { open: boolean; mailbox: Mailbox | null; onClose: () => void; onSaved: (saved: Mailbox, created: boolean) => void }) {
  const { t } = useTranslation('settingsSla');
  const [form] = Form.useForm<Values>();
  const useImap = Form.useWatch('use_imap', form);
  const useSmtp = Form.useWatch('use_smtp', form);
  const { mutation: save, errors, submit } = useFormSave(form, {
    mutationFn: (body: MailboxInput) => (mailbox ? api<Mailbox>(`/mailboxes/${mailbox.id}`, { method: 'PUT', body }) : api<Mailbox>('/mailboxes', { method: 'POST', body })),
    onSuccess: (saved) => onSaved(saved, mailbox === null),
    // A taken address is a conflict that names no field: it belongs on the address.
    fieldErrors: (error) => (showConflictOn(form, error, 'address') ? [] : showFieldErrors(form, error, fields)),
  });
  const required = [{ required: true, whitespace: true, message: t('policyForm.required') }];

  return (
    <FormDrawer open={open} onClose={onClose} title={mailbox ? t('mailboxes.editTitle', { address: mailbox.address }) : t('mailboxes.newTitle')} saving={save.isPending} onSave={() => void submit(toBody)}>
      <Form form={form} layout="vertical" name="mailbox" initialValues={toValues(mailbox)} autoComplete="off">
        <FormErrorAlert errors={errors} split style={{ marginBottom: 16 }} />
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
            <SwitchItem name="enabled" label={t('mailboxes.enabled')} tooltip={t('mailboxes.enabledHelp')} />
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
        <SwitchItem name="use_imap" label={t('mailboxes.useImap')} extra={t('mailboxes.useImapHelp')} />
        {useImap && (
          <MailServerFields server="imap" passwordStored={mailbox?.imap?.password_set}>
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
          </MailServerFields>
        )}

        <Divider titlePlacement="start">{t('mailboxes.smtpTitle')}</Divider>
        <SwitchItem name="use_smtp" label={t('mailboxes.useSmtp')} extra={t('mailboxes.useSmtpHelp')} />
        {useSmtp && <MailServerFields server="smtp" passwordStored={mailbox?.smtp?.password_set} />}

        <Divider titlePlacement="start">{t('mailboxes.limitsTitle')}</Divider>
        <Form.Item name="sender_limit_per_hour" label={t('mailboxes.senderLimit')} extra={t('mailboxes.senderLimitHelp')}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Typography.Text type="secondary">{t('mailboxes.passwordsNote')}</Typography.Text>
      </Form>
    </FormDrawer>
  );
}
