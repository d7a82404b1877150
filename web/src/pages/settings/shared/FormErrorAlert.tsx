import type { CSSProperties } from 'react';
import { Alert } from 'antd';

type Props = {
  /** What `useFormSave` left over; nothing is shown while empty. */
  errors: string[];
  /** The first message as the title and the others below it, instead of all in one line. */
  split?: boolean;
  separator?: string;
  style?: CSSProperties;
};

/** The server's objections to a settings form that belong to no single field. */
export function FormErrorAlert({ errors, split = false, separator = ' · ', style }: Props) {
  if (errors.length === 0) return null;
  if (split) return <Alert type="error" showIcon title={errors[0]} description={errors.slice(1).join(separator) || undefined} style={style} />;
  return <Alert type="error" showIcon title={errors.join(separator)} style={style} />;
}
