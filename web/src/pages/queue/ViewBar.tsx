import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Popconfirm, Segmented, Space, Typography } from 'antd';
import { CloseOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { builtinViews, type BuiltinViewId } from './filters';
import type { SavedView } from './savedViews';

type Props = {
  active: BuiltinViewId | null;
  onPick(view: BuiltinViewId): void;
  canSeeOwn: boolean;
  saved: SavedView[];
  activeSaved: string | null;
  onOpenSaved(view: SavedView): void;
  onSave(name: string): void;
  onDelete(view: SavedView): void;
};

/** The built-in worklists as a segmented control, and the person's own saved views under it. */
export function ViewBar({ active, onPick, canSeeOwn, saved, activeSaved, onOpenSaved, onSave, onDelete }: Props) {
  const { t } = useTranslation('queue');
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const submit = async () => {
    const { name } = await form.validateFields();
    onSave(name);
    setSaving(false);
    form.resetFields();
    void message.success(t('saved.saved', { name: name.trim() }));
  };

  return (
    <Flex vertical gap={8}>
      <div>
        <Segmented<BuiltinViewId | ''>
          className="queue-views"
          aria-label={t('views.label')}
          value={active ?? ''}
          onChange={(id) => id && onPick(id)}
          options={builtinViews.map((view) => ({
            value: view.id,
            label: t(`views.${view.id}`),
            disabled: view.id === 'mine' && !canSeeOwn,
            title: view.id === 'mine' && !canSeeOwn ? t('views.mineNeedsUser') : t(`views.${view.id}`),
          }))}
          data-testid="queue-views"
        />
      </div>
      <Flex wrap gap={6} align="center" data-testid="saved-views">
        <Typography.Text type="secondary">{t('saved.label')}:</Typography.Text>
        {saved.length === 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('saved.none')}
          </Typography.Text>
        )}
        {saved.map((view) => (
          <Space.Compact key={view.id} size="small">
            <Button size="small" type={activeSaved === view.id ? 'primary' : 'default'} aria-label={t('saved.open', { name: view.name })} aria-pressed={activeSaved === view.id} onClick={() => onOpenSaved(view)}>
              {view.name}
            </Button>
            <Popconfirm title={t('saved.deleteConfirm', { name: view.name })} okText={t('common:actions.delete')} cancelText={t('common:actions.cancel')} onConfirm={() => onDelete(view)}>
              <Button size="small" icon={<CloseOutlined />} aria-label={t('saved.delete', { name: view.name })} />
            </Popconfirm>
          </Space.Compact>
        ))}
        <Button size="small" type="dashed" icon={<SaveOutlined />} onClick={() => setSaving(true)}>
          {t('saved.save')}
        </Button>
      </Flex>
      <Modal
        open={saving}
        title={t('saved.modalTitle')}
        okText={t('common:actions.save')}
        cancelText={t('common:actions.cancel')}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setSaving(false)}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={() => void submit().catch(() => undefined)}>
          <Form.Item name="name" label={t('saved.name')} rules={[{ required: true, whitespace: true, message: t('saved.nameRequired') }, { max: 60 }]}>
            <Input placeholder={t('saved.namePlaceholder')} maxLength={60} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
