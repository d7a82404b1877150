import { useState, type CSSProperties, type ReactNode } from 'react';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Whether a form has been edited since it loaded, and a discard that puts it back (then calls `onDiscard`). */
export function useUnsavedChanges(form: { resetFields: () => void }, onDiscard?: () => void) {
  const [dirty, setDirty] = useState(false);
  return {
    dirty,
    /** For the form's `onValuesChange`. */
    changed: () => setDirty(true),
    discard: () => {
      form.resetFields();
      onDiscard?.();
      setDirty(false);
    },
  };
}

type Props = { saveText: ReactNode; saving: boolean; dirty: boolean; onDiscard: () => void; style?: CSSProperties };

/** Under a form edited in place: submit, discard the edits, and a word that some are unsaved. */
export function SaveDiscardBar({ saveText, saving, dirty, onDiscard, style }: Props) {
  const { t } = useTranslation('settings');
  return (
    <Flex gap={8} align="center" wrap style={style}>
      <Button type="primary" htmlType="submit" loading={saving}>
        {saveText}
      </Button>
      <Button disabled={!dirty} onClick={onDiscard}>
        {t('form.discard')}
      </Button>
      {dirty && <Typography.Text type="warning">{t('form.unsaved')}</Typography.Text>}
    </Flex>
  );
}
