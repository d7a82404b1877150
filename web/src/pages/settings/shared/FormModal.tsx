import type { ReactNode } from 'react';
import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = {
  open?: boolean;
  title: ReactNode;
  okText: ReactNode;
  /** The form inside: OK submits it, so its own `onFinish` (and validation) runs. */
  form: { submit: () => void };
  saving: boolean;
  onCancel: () => void;
  children: ReactNode;
};

/** A short create-or-edit form in a dialog. */
export function FormModal({ open = true, title, okText, form, saving, onCancel, children }: Props) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={title} okText={okText} cancelText={t('actions.cancel')} confirmLoading={saving} onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden>
      {children}
    </Modal>
  );
}
