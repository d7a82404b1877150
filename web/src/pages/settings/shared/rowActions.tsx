// The buttons in a settings table's actions column.
import type { ReactNode } from 'react';
import { Button, Popconfirm } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

type ConfirmDeleteProps = {
  /** The question and what follows from the answer. */
  title: ReactNode;
  description: ReactNode;
  /** The button's accessible name: says what it removes ("Delete policy: …"). */
  ariaLabel: string;
  onConfirm: () => unknown;
  /** The verb on the button and the confirming button (Delete unless said). */
  action?: string;
  icon?: ReactNode;
  loading?: boolean;
};

/** A small danger button that asks before it deletes (or revokes, removes…). */
export function ConfirmDeleteButton({ title, description, ariaLabel, onConfirm, action, icon = <DeleteOutlined />, loading }: ConfirmDeleteProps) {
  const { t } = useTranslation();
  const verb = action ?? t('actions.delete');
  return (
    <Popconfirm title={title} description={description} okText={verb} cancelText={t('actions.cancel')} okButtonProps={{ danger: true, loading }} onConfirm={onConfirm}>
      <Button size="small" danger icon={icon} aria-label={ariaLabel}>
        {verb}
      </Button>
    </Popconfirm>
  );
}

/** Opens a row's edit form; `ariaLabel` names the row ("Edit policy: …"). */
export function EditButton({ ariaLabel, onClick }: { ariaLabel: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="small" icon={<EditOutlined />} onClick={onClick} aria-label={ariaLabel}>
      {t('actions.edit')}
    </Button>
  );
}
