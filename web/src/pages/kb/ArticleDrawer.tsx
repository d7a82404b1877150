import { useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Popconfirm, Space, Typography } from 'antd';
import { ExportOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api/client';
import { useSession } from '../../api/session';
import type { Article } from '../../api/types';
import { LoadError, Loading } from '../../components/states';
import { useFormat } from '../case/format';
import { applyServerErrors } from '../settings/shared/serverErrors';
import { ArticleForm, changedFields, valuesOf, type ArticleValues } from './ArticleForm';
import { isVersionConflict, useArchiveArticle, useArticle, useCreateArticle, useUpdateArticle } from './queries';
import { articlePortalPath, portalUrl } from './safeHtml';

type Props = { articleId: string | 'new'; editable: boolean; onClose: () => void; onCreated: (id: string) => void };

/** Writes a new article or edits one: every save is a version, made on the version that was loaded. */
export function ArticleDrawer({ articleId, editable, onClose, onCreated }: Props) {
  const { t } = useTranslation('kb');
  const { modal } = App.useApp();
  const isNew = articleId === 'new';
  const article = useArticle(isNew ? null : articleId);
  const [dirty, setDirty] = useState(false);

  const close = () => {
    if (!dirty) return onClose();
    modal.confirm({ title: t('editor.discardConfirm'), okText: t('editor.discard'), cancelText: t('editor.keepEditing'), okButtonProps: { danger: true }, onOk: onClose });
  };

  let content;
  if (isNew) content = <Editor base={null} editable={editable} onDirty={setDirty} onSaved={(saved) => onCreated(saved.id)} onClose={onClose} onCancel={close} />;
  else if (article.isLoading) content = <Loading />;
  else if (article.isError || !article.data) content = <LoadError error={article.error} onRetry={() => void article.refetch()} />;
  else content = <Editor key={article.data.id} base={article.data} editable={editable} onDirty={setDirty} onSaved={() => undefined} onClose={onClose} onCancel={close} />;

  return (
    <Drawer open onClose={close} destroyOnHidden size="large" title={isNew ? t('editor.createTitle') : t(editable ? 'editor.editTitle' : 'editor.viewTitle', { version: article.data?.version ?? '…' })} data-testid="kb-drawer">
      {content}
    </Drawer>
  );
}

type EditorProps = { base: Article | null; editable: boolean; onDirty: (dirty: boolean) => void; onSaved: (article: Article) => void; onClose: () => void; onCancel: () => void };

function Editor({ base: loaded, editable, onDirty, onSaved, onClose, onCancel }: EditorProps) {
  const { t } = useTranslation('kb');
  const { message } = App.useApp();
  const { me } = useSession();
  const { language, time } = useFormat();
  const [form] = Form.useForm<ArticleValues>();
  // The version the form was loaded from: saves are made on it, a reload after a conflict replaces it.
  const [base, setBase] = useState<Article | null>(loaded);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState<{ mine: number } | null>(null);
  const latest = useArticle(base ? base.id : null);
  const create = useCreateArticle();
  const update = useUpdateArticle(base?.id ?? '');
  const archive = useArchiveArticle(base?.id ?? '');
  const initial = valuesOf(base, language);
  const readOnly = !editable;

  const markDirty = (value: boolean) => onDirty(value);
  const loadLatest = async () => {
    const fresh = (await latest.refetch()).data;
    if (!fresh) return;
    setBase(fresh);
    // The form keeps its store across the remount: put the latest text in it explicitly.
    form.resetFields();
    form.setFieldsValue(valuesOf(fresh, language));
    setConflict(null);
    setProblems([]);
    markDirty(false);
    void message.success(t('editor.reloaded'));
  };

  const save = async () => {
    let values: ArticleValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setProblems([]);
    const tags = values.tags.map((tag) => tag.trim()).filter(Boolean);
    try {
      if (!base) {
        const created = await create.mutateAsync({ ...values, tags, category: values.category ?? null, status: values.status === 'published' ? 'published' : 'draft' });
        markDirty(false);
        void message.success(t('editor.created'));
        onSaved(created);
        return;
      }
      const changes = changedFields(valuesOf(base, language), { ...values, tags, category: values.category ?? null });
      if (Object.keys(changes).length === 0) {
        markDirty(false);
        void message.info(t('editor.noChanges'));
        return;
      }
      const saved = await update.mutateAsync({ ...changes, expected_version: base.version });
      setBase(saved);
      markDirty(false);
      void message.success(t('editor.saved', { version: saved.version }));
      onSaved(saved);
    } catch (error) {
      if (base && isVersionConflict(error)) {
        setConflict({ mine: base.version });
        void latest.refetch();
        return;
      }
      setProblems(applyServerErrors(form, error));
    }
  };

  const doArchive = async () => {
    try {
      const archived = await archive.mutateAsync();
      markDirty(false);
      void message.success(t('editor.archived'));
      setBase(archived);
      onClose();
    } catch (error) {
      setProblems([error instanceof ProblemError ? (error.detail ?? error.title) : String(error)]);
    }
  };

  const current = latest.data && base && latest.data.version !== base.version ? latest.data.version : null;
  const portalLink = base?.status === 'published' ? portalUrl(articlePortalPath(base.slug, base.locale), me.tenant.slug) : null;

  return (
    <Flex vertical gap={12} style={{ minHeight: '100%' }}>
      {base && (
        <Flex justify="space-between" wrap gap={8} align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('editor.meta', { created: time(base.created_at), updated: time(base.updated_at), views: base.views })}
          </Typography.Text>
          {portalLink && (
            <Button size="small" icon={<ExportOutlined />} href={portalLink} target="_blank" rel="noopener noreferrer" data-testid="kb-portal-link">
              {t('actions.viewOnPortal')}
            </Button>
          )}
        </Flex>
      )}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          data-testid="kb-conflict"
          title={t('editor.conflictTitle')}
          description={t('editor.conflictBody', { mine: conflict.mine, current: current ?? t('editor.conflictUnknown') })}
          action={
            <Button size="small" onClick={() => void loadLatest()} loading={latest.isFetching}>
              {t('editor.reload')}
            </Button>
          }
        />
      )}
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join(' · ')} closable={{ onClose: () => setProblems([]) }} data-testid="kb-save-error" />}
      <ArticleForm key={base ? `${base.id}:${base.version}` : 'new'} form={form} initial={initial} article={base} readOnly={readOnly} onChange={() => markDirty(true)} />
      {editable && (
        <Flex justify="space-between" gap={8} wrap style={{ position: 'sticky', bottom: 0, background: '#fff', padding: '12px 0', borderTop: '1px solid #f0f0f0' }}>
          <div>
            {base && base.status !== 'archived' && (
              <Popconfirm title={t('editor.archiveConfirm')} description={<div style={{ maxWidth: 280 }}>{t('editor.archiveBody')}</div>} okText={t('editor.archive')} okButtonProps={{ danger: true }} cancelText={t('common:actions.cancel')} onConfirm={() => doArchive()}>
                <Button danger icon={<InboxOutlined />} loading={archive.isPending}>
                  {t('editor.archive')}
                </Button>
              </Popconfirm>
            )}
          </div>
          <Space>
            <Button onClick={onCancel}>{t('common:actions.cancel')}</Button>
            <Button type="primary" onClick={() => void save()} loading={create.isPending || update.isPending} disabled={conflict !== null} data-testid="kb-save">
              {t('common:actions.save')}
            </Button>
          </Space>
        </Flex>
      )}
    </Flex>
  );
}
