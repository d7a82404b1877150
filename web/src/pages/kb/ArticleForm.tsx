import { Form, Input, Radio, Select, Tabs, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { categories } from '../../api/domain';
import type { Article, ArticleStatus, Category, Locale } from '../../api/types';
import { MarkdownPreview } from './MarkdownPreview';
import { VersionHistory } from './VersionHistory';

export type ArticleValues = { slug: string; locale: Locale; title: string; category: Category | null; tags: string[]; status: ArticleStatus; body_markdown: string };

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function valuesOf(article: Article | null, language: Locale): ArticleValues {
  if (!article) return { slug: '', locale: language, title: '', category: null, tags: [], status: 'draft', body_markdown: '' };
  return {
    slug: article.slug,
    locale: article.locale,
    title: article.title,
    category: (article.category as Category | null) ?? null,
    tags: article.tags,
    status: article.status,
    body_markdown: article.body_markdown,
  };
}

/** The fields that differ from what was loaded (tags compared as lists). */
export function changedFields(before: ArticleValues, after: ArticleValues): Partial<ArticleValues> {
  const changes: Partial<Record<keyof ArticleValues, unknown>> = {};
  for (const key of Object.keys(after) as (keyof ArticleValues)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) changes[key] = after[key];
  }
  return changes as Partial<ArticleValues>;
}

type Props = { form: FormInstance<ArticleValues>; initial: ArticleValues; article: Article | null; readOnly: boolean; onChange: () => void };

/** Slug, language, title, category, tags, status, and the Markdown body with a preview and the version history. */
export function ArticleForm({ form, initial, article, readOnly, onChange }: Props) {
  const { t } = useTranslation('kb');
  const body = Form.useWatch('body_markdown', form) ?? initial.body_markdown;
  const statuses: ArticleStatus[] = initial.status === 'archived' ? ['draft', 'published', 'archived'] : ['draft', 'published'];
  return (
    <Form form={form} name="kb-article" layout="vertical" initialValues={initial} disabled={readOnly} onValuesChange={onChange} requiredMark="optional" data-testid="kb-form">
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', columnGap: 16 }}>
        <Form.Item
          name="slug"
          label={t('editor.slug')}
          extra={t('editor.slugHelp')}
          rules={[
            { required: true, whitespace: true, message: t('editor.slugRequired') },
            { pattern: slugPattern, message: t('editor.slugPattern') },
            { min: 2, max: 100 },
          ]}
        >
          <Input maxLength={100} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="locale" label={t('editor.locale')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={(['zh-CN', 'en'] as const).map((locale) => ({ value: locale, label: t(`locale.${locale}`) }))} />
        </Form.Item>
      </div>
      <Form.Item name="title" label={t('editor.titleLabel')} rules={[{ required: true, whitespace: true, message: t('editor.titleRequired') }, { max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', columnGap: 16 }}>
        <Form.Item name="category" label={t('editor.category')}>
          <Select
            aria-label={t('editor.category')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('editor.categoryPlaceholder')}
            options={categories.map((category) => ({ value: category, label: t(`domain:category.${category}`, { defaultValue: category }) }))}
          />
        </Form.Item>
        <Form.Item name="tags" label={t('editor.tags')}>
          <Select aria-label={t('editor.tags')} mode="tags" tokenSeparators={[',', '，']} maxCount={20} placeholder={t('editor.tagsPlaceholder')} open={false} suffixIcon={null} />
        </Form.Item>
      </div>
      <Form.Item name="status" label={t('editor.status')}>
        <Radio.Group optionType="button" buttonStyle="solid" options={statuses.map((status) => ({ value: status, label: t(`status.${status}`), disabled: status === 'archived' }))} />
      </Form.Item>
      <Tabs
        aria-label={t('editor.tabs')}
        items={[
          {
            key: 'write',
            label: t('editor.write'),
            forceRender: true,
            children: (
              <Form.Item name="body_markdown" label={t('editor.body')} extra={t('editor.bodyHelp')} rules={[{ required: true, whitespace: true, message: t('editor.bodyRequired') }]}>
                <Input.TextArea autoSize={{ minRows: 12, maxRows: 28 }} spellCheck={false} style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }} />
              </Form.Item>
            ),
          },
          { key: 'preview', label: t('editor.preview'), children: <MarkdownPreview source={body} /> },
          ...(article ? [{ key: 'history', label: t('editor.history'), children: <VersionHistory articleId={article.id} currentVersion={article.version} /> }] : []),
        ]}
      />
    </Form>
  );
}
