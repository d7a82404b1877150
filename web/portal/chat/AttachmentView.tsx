import { useEffect, useState } from 'react';
import { Button } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { publicUrl } from '../api/client';
import type { ChatAttachment } from '../api/types';
import { formatSize } from '../components/format';
import type { ChatSession } from './session';

/** A chat attachment: fetched with the visitor's token (never in a URL), images shown inline. */
export function AttachmentView({ attachment, session }: { attachment: ChatAttachment; session: ChatSession }) {
  const { t } = useTranslation('chat');
  const [url, setUrl] = useState<string | null>(null);
  const isImage = attachment.content_type.startsWith('image/');

  const load = async (): Promise<string | null> => {
    const response = await fetch(publicUrl(`/chat/conversations/${encodeURIComponent(session.id)}/attachments/${encodeURIComponent(attachment.id)}`), { headers: { 'x-visitor-token': session.token } });
    if (!response.ok) return null;
    return URL.createObjectURL(await response.blob());
  };

  useEffect(() => {
    if (!isImage) return;
    let created: string | null = null;
    let cancelled = false;
    void load().then((objectUrl) => {
      created = objectUrl;
      if (!cancelled) setUrl(objectUrl);
    });
    return () => {
      cancelled = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [attachment.id]);

  const label = t('attachment', { name: attachment.filename });
  if (isImage && url) return <img src={url} alt={label} style={{ maxWidth: '100%', maxHeight: 240, borderRadius: 8, display: 'block', marginTop: 4 }} data-testid="chat-image" />;
  return (
    <Button
      size="small"
      icon={<PaperClipOutlined aria-hidden />}
      aria-label={label}
      style={{ marginTop: 4, maxWidth: '100%' }}
      onClick={async () => {
        const objectUrl = await load();
        if (!objectUrl) return;
        const anchor = document.createElement('a');
        anchor.href = objectUrl;
        anchor.download = attachment.filename;
        anchor.click();
        setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
      }}
    >
      {attachment.filename} ({formatSize(attachment.size)})
    </Button>
  );
}
