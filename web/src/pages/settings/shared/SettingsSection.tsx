import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

type Props = {
  /** The heading's id, which also names the section for assistive technology. */
  id: string;
  title: ReactNode;
  intro: ReactNode;
  /** A button next to the heading (New …). */
  action?: ReactNode;
  children: ReactNode;
};

/** A settings tab laid out as a titled section with a line that says what it is for. */
export function SettingsSection({ id, title, intro, action, children }: Props) {
  const heading = (
    <>
      <Typography.Title level={4} id={id} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
    </>
  );
  return (
    <section aria-labelledby={id}>
      {action ? (
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <div style={{ flex: '1 1 420px' }}>{heading}</div>
          {action}
        </Flex>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
