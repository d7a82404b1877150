import { useState } from 'react';
import { Alert, App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { EmptyState } from '../../../components/states';
import { QueryResult } from '../shared/QueryResult';
import { ConfirmDeleteButton, EditButton } from '../shared/rowActions';
import { SecretState } from '../shared/secrets';
import { problemText } from '../shared/serverErrors';
import { useEditTarget } from '../shared/useEditTarget';
import { MailboxForm } from './MailboxForm';
import { keys, useMailboxes } from './queries';
import { formatLocal } from './time';
import type { Mailbox, MailboxPoll } from './types';

/** E-mail mailboxes: IMAP to read, SMTP to reply; poll one now to check the settings. */
export function Mailboxes() {
  const { t, i18n } = useTranslation('settingsSla');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mailboxes = useMailboxes();
  const editing = useEditTarget<Mailbox>();
  const [lastPoll, setLastPoll] = useState<{ address: string; result?: MailboxPoll; error?: unknown } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.mailboxes });

  const poll = useMutation({
    mutationFn: (mailbox: Mailbox) => api<MailboxPoll>(`/mailboxes/${mailbox.id}/poll`, { method: 'POST' }),
    onSuccess: (result, mailbox) => {
      setLastPoll({ address: mailbox.address, result });
      if (result.accepted > 0) void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
    onError: (error, mailbox) => setLastPoll({ address: mailbox.address, error }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (mailbox: Mailbox) => api(`/mailboxes/${mailbox.id}`, { method: 'DELETE' }),
    onSuccess: (_, mailbox) => message.success(t('mailboxes.deleted', { address: mailbox.address })),
    onError: (error) => message.error(problemText(error)),
    onSettled: refresh,
  });

  return (
    <Card
      id="mailboxes"
      title={t('mailboxes.title')}
      extra={
        <Button icon={<PlusOutlined />} onClick={editing.create}>
          {t('mailboxes.new')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('mailboxes.intro')}</Typography.Paragraph>
      {lastPoll && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          closable={{ onClose: () => setLastPoll(null) }}
          data-testid="poll-result"
          type={lastPoll.error || lastPoll.result?.error ? 'error' : 'success'}
          title={
            lastPoll.error
              ? t('mailboxes.pollFailed', { address: lastPoll.address })
              : lastPoll.result?.error
                ? t('mailboxes.pollError', { address: lastPoll.address })
                : t('mailboxes.pollOk', { address: lastPoll.address, fetched: lastPoll.result?.fetched ?? 0, accepted: lastPoll.result?.accepted ?? 0 })
          }
          description={lastPoll.error ? problemText(lastPoll.error) : (lastPoll.result?.error ?? undefined)}
        />
      )}
      <QueryResult query={mailboxes}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState>{t('mailboxes.empty')}</EmptyState>
          ) : (
            <Table<Mailbox>
              rowKey="id"
              size="middle"
              dataSource={items}
              pagination={false}
              scroll={{ x: 760 }}
              data-testid="mailboxes"
              columns={[
                {
                  key: 'address',
                  title: t('mailboxes.address'),
                  render: (_, mailbox) => (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text strong>{mailbox.address}</Typography.Text>
                      {mailbox.display_name && <Typography.Text type="secondary">{mailbox.display_name}</Typography.Text>}
                      {!mailbox.enabled && <Tag color="warning">{t('integrations.disabled')}</Tag>}
                    </Space>
                  ),
                },
                {
                  key: 'imap',
                  title: 'IMAP',
                  render: (_, mailbox) =>
                    mailbox.imap ? (
                      <Space orientation="vertical" size={0}>
                        <Typography.Text>{`${mailbox.imap.host}:${mailbox.imap.port}${mailbox.imap.secure ? ' TLS' : ''}`}</Typography.Text>
                        <Typography.Text type="secondary">{`${mailbox.imap.user} · ${mailbox.imap.folder}`}</Typography.Text>
                        <SecretState set={mailbox.imap.password_set} />
                      </Space>
                    ) : (
                      <Typography.Text type="secondary">{t('mailboxes.noImap')}</Typography.Text>
                    ),
                },
                {
                  key: 'smtp',
                  title: 'SMTP',
                  render: (_, mailbox) =>
                    mailbox.smtp ? (
                      <Space orientation="vertical" size={0}>
                        <Typography.Text>{`${mailbox.smtp.host}:${mailbox.smtp.port}${mailbox.smtp.secure ? ' TLS' : ''}`}</Typography.Text>
                        {mailbox.smtp.user && <Typography.Text type="secondary">{mailbox.smtp.user}</Typography.Text>}
                      </Space>
                    ) : (
                      <Typography.Text type="secondary">{t('mailboxes.noSmtp')}</Typography.Text>
                    ),
                },
                {
                  key: 'poll',
                  title: t('mailboxes.lastPoll'),
                  render: (_, mailbox) => (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text>{mailbox.poll.last_polled_at ? formatLocal(mailbox.poll.last_polled_at, i18n.language) : t('wechatpay.never')}</Typography.Text>
                      {mailbox.poll.last_error && (
                        <Typography.Text type="danger" style={{ fontSize: 12 }}>
                          {mailbox.poll.last_error}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
                {
                  key: 'actions',
                  title: t('policies.actions'),
                  width: 260,
                  render: (_, mailbox) => (
                    <Space wrap>
                      <Button
                        size="small"
                        icon={<SyncOutlined />}
                        disabled={!mailbox.imap}
                        loading={poll.isPending && poll.variables.id === mailbox.id}
                        onClick={() => poll.mutate(mailbox)}
                        aria-label={t('mailboxes.pollNamed', { address: mailbox.address })}
                      >
                        {t('mailboxes.poll')}
                      </Button>
                      <EditButton ariaLabel={t('mailboxes.editNamed', { address: mailbox.address })} onClick={() => editing.edit(mailbox)} />
                      <ConfirmDeleteButton
                        title={t('mailboxes.deleteTitle', { address: mailbox.address })}
                        description={t('mailboxes.deleteBody')}
                        ariaLabel={t('mailboxes.deleteNamed', { address: mailbox.address })}
                        onConfirm={() => remove.mutateAsync(mailbox).catch(() => undefined)}
                      />
                    </Space>
                  ),
                },
              ]}
            />
          )
        }
      </QueryResult>
      <MailboxForm
        open={editing.open}
        mailbox={editing.item}
        onClose={editing.close}
        onSaved={(saved, created) => {
          message.success(created ? t('mailboxes.created', { address: saved.address }) : t('mailboxes.saved', { address: saved.address }));
          editing.close();
          void refresh();
        }}
      />
    </Card>
  );
}
