import { useState } from 'react';
import type { FormInstance } from 'antd';
import { useMutation } from '@tanstack/react-query';

type Options<Body, Saved> = {
  mutationFn: (body: Body) => Promise<Saved>;
  onSuccess?: (saved: Saved, body: Body) => unknown;
  /** Puts a failure's field errors on the form and returns what is left for the alert above it. */
  fieldErrors: (error: unknown) => string[];
};

/**
 * A settings form's save: the mutation, the messages no field took (for `FormErrorAlert`), and two
 * ways to send. `send` for `onFinish`; `submit` for a button outside the form, which validates every
 * field first and sends all values, also those of fields not on screen (a closed panel, a hidden kind).
 */
export function useFormSave<Values, Body, Saved>(form: FormInstance<Values>, { mutationFn, onSuccess, fieldErrors }: Options<Body, Saved>) {
  const [errors, setErrors] = useState<string[]>([]);
  const mutation = useMutation({ mutationFn, onSuccess, onError: (error) => setErrors(fieldErrors(error)) });
  const send = (body: Body) => {
    setErrors([]);
    mutation.mutate(body);
  };
  const submit = async (toBody: (values: Values) => Body) => {
    setErrors([]);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    mutation.mutate(toBody(form.getFieldsValue(true) as Values));
  };
  return { mutation, errors, clearErrors: () => setErrors([]), send, submit };
}
