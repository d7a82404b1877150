import { Form, Switch, type FormItemProps } from 'antd';
import type { FieldPath } from './serverErrors';

type SwitchItemProps = Omit<FormItemProps, 'children' | 'valuePropName'> & { onChange?: (checked: boolean) => void };

/** An on/off form field (a Switch holds `checked`, not `value`). */
export function SwitchItem({ onChange, ...item }: SwitchItemProps) {
  return (
    <Form.Item {...item} valuePropName="checked">
      <Switch onChange={onChange} />
    </Form.Item>
  );
}

type TlsSwitchProps = Omit<SwitchItemProps, 'onChange'> & {
  /** The server's port field (in the same form), and its usual port with TLS and without. */
  portName: FieldPath;
  ports: readonly [tls: number, plain: number];
};

/** TLS on or off for a mail server: moves the port between the usual pair, unless someone typed their own. */
export function TlsSwitch({ portName, ports, ...item }: TlsSwitchProps) {
  const form = Form.useFormInstance();
  return (
    <SwitchItem
      {...item}
      onChange={(secure) => {
        const port = form.getFieldValue(portName) as number | null | undefined;
        if (port === null || port === undefined || ports.includes(port)) form.setFieldValue(portName, secure ? ports[0] : ports[1]);
      }}
    />
  );
}
