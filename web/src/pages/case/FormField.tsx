import type { CSSProperties, ReactNode } from 'react';
import { Typography } from 'antd';

/** What a FormField's control is given: the id its label points at, its accessible name, its look. */
export type FieldControl = { id: string; 'aria-label': string; style: CSSProperties; status: 'error' | undefined };

/**
 * A form control with its label above it (tied to it by `id`, and its accessible name) and, when
 * `error` is given, the reason under it, the control outlined in red.
 */
export function FormField({ id, label, error, children }: { id: string; label: string; error?: string | false; children: (control: FieldControl) => ReactNode }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-label': label, style: { width: '100%', marginTop: 4 }, status: error ? 'error' : undefined })}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </div>
  );
}
