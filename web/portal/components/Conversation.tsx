import { Tag } from 'antd';
import { RobotOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './format';
import { Linkified } from './Linkified';

export type Speaker = 'customer' | 'visitor' | 'agent' | 'bot' | 'system';

/** Who wrote it: the customer's own messages on the right, the desk's (people and bot) on the left. */
export function SpeakerLabel({ from, name }: { from: Speaker; name: string | null }) {
  const { t } = useTranslation();
  if (from === 'bot') {
    return (
      <Tag icon={<RobotOutlined aria-hidden />} color="geekblue" variant="filled" style={{ marginInlineEnd: 0 }} data-testid="bot-label">
        {t('sender.bot')}
      </Tag>
    );
  }
  if (from === 'agent') return <span>{name || t('sender.agent')}</span>;
  if (from === 'customer' || from === 'visitor') return <span>{t('sender.you')}</span>;
  return null;
}

/** One message as a bubble; the body is plain text (links made clickable), never HTML. */
export function Bubble({ from, name, body, at, footer, children, testId }: { from: Speaker; name: string | null; body: string; at?: string; footer?: ReactNode; children?: ReactNode; testId?: string }) {
  const { i18n } = useTranslation();
  const side = from === 'customer' || from === 'visitor' ? 'right' : from === 'system' ? 'center' : 'left';
  if (from === 'system') {
    return (
      <div className="pd-bubble-row" data-side="center" data-testid={testId ?? 'message'} data-from="system">
        <div className="pd-bubble" data-from="system" role="note">
          <Linkified text={body} />
        </div>
      </div>
    );
  }
  return (
    <div className="pd-bubble-row" data-side={side} data-testid={testId ?? 'message'} data-from={from}>
      <div style={{ maxWidth: '100%', display: 'flex', flexDirection: 'column', alignItems: side === 'right' ? 'flex-end' : 'flex-start' }}>
        <div className="pd-meta">
          <SpeakerLabel from={from} name={name} />
          {at ? <time dateTime={at}>{formatDateTime(at, i18n.language)}</time> : null}
        </div>
        <div className="pd-bubble" data-from={from}>
          {body ? <Linkified text={body} /> : null}
          {children}
        </div>
        {footer}
      </div>
    </div>
  );
}
