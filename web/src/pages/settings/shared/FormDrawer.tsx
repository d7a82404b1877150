import type { ReactNode } from 'react';
import { Button, Drawer, Flex, type DrawerProps } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = {
  open?: boolean;
  title: ReactNode;
  size?: DrawerProps['size'];
  onClose: () => void;
  /** The save button: its action, whether it is busy, and its text (Save unless said). */
  onSave: () => void;
  saving: boolean;
  saveText?: ReactNode;
  children: ReactNode;
};

/** A create-or-edit form in a drawer, with Cancel and Save at the bottom. */
export function FormDrawer({ open = true, title, size = 'large', onClose, onSave, saving, saveText, children }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      destroyOnHidden
      size={size}
      title={title}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('actions.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={onSave}>
            {saveText ?? t('actions.save')}
          </Button>
        </Flex>
      }
    >
      {children}
    </Drawer>
  );
}
