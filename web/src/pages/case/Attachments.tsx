import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Flex, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiUrl, authHeaders } from '../../api/client';
import { LoadError, Loading } from '../../components/states';
import type { Attachment } from '../../api/types';
import type { useAttachments } from './data';
import { problemText, useFormat } from './format';

/** Attachments need the bearer token, so they are fetched as a blob and saved from memory. */
export function useDownload() {
  const { t } = useTranslation('case');
  const { message } = App.useApp();
  return useMutation({
    mutationFn: async (attachment: Attachment) => {
      const response = await fetch(apiUrl(`/attachments/${attachment.id}`), { headers: authHeaders() });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    onError: (error) => void message.error(t('timeline.downloadFailed', { message: problemText(error) })),
  });
}

export function AttachmentLink({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation('case');
  const download = useDownload();
  return (
    <Button type="link" size="small" icon={<PaperClipOutlined />} style={{ paddingInline: 0 }} aria-label={t('timeline.download', { name: attachment.filename })} loading={download.isPending && download.variables.id === attachment.id} onClick={() => download.mutate(attachment)}>
      {attachment.filename}
    </Button>
  );
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function AttachmentsPanel({ attachments }: { attachments: ReturnType<typeof useAttachments> }) {
  const { t } = useTranslation('case');
  const { time } = useFormat();
  return (
    <Card size="small" title={t('attachments.title')} data-testid="attachments-panel">
      {attachments.isLoading ? (
        <Loading />
      ) : attachments.isError ? (
        <LoadError error={attachments.error} onRetry={() => void attachments.refetch()} />
      ) : (attachments.data ?? []).length === 0 ? (
        <Typography.Text type="secondary">{t('attachments.empty')}</Typography.Text>
      ) : (
        <Flex vertical gap={2}>
          {(attachments.data ?? []).map((attachment) => (
            <div key={attachment.id} data-testid="attachment" data-filename={attachment.filename}>
              <AttachmentLink attachment={attachment} />
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                {fileSize(attachment.size)} · {time(attachment.created_at)}
              </Typography.Text>
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}
