import { useMemo } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { renderMarkdown } from './safeHtml';

/** The draft's Markdown as readers will see it; markdown-it runs with html:false, so typed HTML stays text. */
export function MarkdownPreview({ source }: { source: string }) {
  const { t } = useTranslation('kb');
  const html = useMemo(() => renderMarkdown(source), [source]);
  if (!source.trim()) return <Typography.Text type="secondary">{t('editor.previewEmpty')}</Typography.Text>;
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('editor.previewNote')}
      </Typography.Text>
      <div className="kb-preview" data-testid="kb-preview" style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 16px', marginTop: 8, maxHeight: 480, overflow: 'auto', lineHeight: 1.7, overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}
