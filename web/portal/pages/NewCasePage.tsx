import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { fieldErrors, problemMessage, publicApi, uploadFile } from '../api/client';
import type { CreatedCase, FormField, NewCase, PortalForm, ProblemGroup } from '../api/types';
import { LinkButton } from '../components/LinkButton';
import { Shell } from '../components/Shell';
import { Loading, ProblemAlert } from '../components/states';
import { acceptAttribute, maxUploadMegabytes, uploadProblem } from '../components/uploads';
import { useTenantPath } from '../tenant';
import { usePortal } from '../usePortal';

const groupOrder: ProblemGroup[] = ['payment', 'refund', 'order', 'pos', 'other'];
const currencies = ['CNY', 'HKD', 'USD', 'EUR', 'GBP', 'JPY', 'SGD'];
const amountPattern = /^\d{1,12}(\.\d{1,2})?$/;
const EXTRA_UPLOADS = '_attachments';
const fixedKeys = new Set(['description', 'name', 'email', 'phone']);

type Values = {
  description: string;
  name?: string;
  email?: string;
  phone?: string;
  website?: string;
  fields?: Record<string, string | undefined>;
  amount?: { value?: string; currency?: string };
  uploads?: Record<string, UploadFile[] | undefined>;
};

/** What the state of the status page receives right after the case was opened. */
export type JustCreated = { created: CreatedCase; uploadErrors: string[] };

function ProblemPicker({ onPick }: { onPick: (category: string) => void }) {
  const { t } = useTranslation('newCase');
  const { portal } = usePortal();
  if (portal.error) return <ProblemAlert error={portal.error} onRetry={() => void portal.refetch()} />;
  if (!portal.data) return <Loading />;
  const problems = portal.data.problems;
  return (
    <Card title={t('pickTitle')}>
      <Typography.Paragraph type="secondary">{t('pickHint')}</Typography.Paragraph>
      <Flex vertical gap={16}>
        {groupOrder
          .map((group) => ({ group, items: problems.filter((problem) => problem.group === group) }))
          .filter((entry) => entry.items.length > 0)
          .map(({ group, items }) => (
            <section key={group} aria-labelledby={`group-${group}`}>
              <Typography.Title level={5} id={`group-${group}`} style={{ marginTop: 0 }}>
                {t(`groups.${group}`)}
              </Typography.Title>
              <Flex wrap gap={8}>
                {items.map((problem) => (
                  <Button key={problem.category} onClick={() => onPick(problem.category)} data-category={problem.category}>
                    {problem.label}
                  </Button>
                ))}
              </Flex>
            </section>
          ))}
      </Flex>
    </Card>
  );
}

function UploadField({ field, label, required }: { field: string; label: string; required: boolean }) {
  const { t } = useTranslation();
  const { t: tn } = useTranslation('newCase');
  return (
    <Form.Item
      name={['uploads', field]}
      label={label}
      valuePropName="fileList"
      getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList}
      extra={t('upload.hint', { size: maxUploadMegabytes })}
      rules={[
        ...(required ? [{ required: true, type: 'array' as const, min: 1, message: tn('requiredUpload', { label }) }] : []),
        {
          validator: async (_rule: unknown, files: UploadFile[] | undefined) => {
            for (const file of files ?? []) {
              const problem = uploadProblem({ name: file.name, type: file.type ?? '', size: file.size ?? 0 }, t);
              if (problem) throw new Error(problem);
            }
          },
        },
      ]}
    >
      <Upload accept={acceptAttribute} multiple beforeUpload={() => false} listType="picture" data-field={field}>
        <Button icon={<UploadOutlined aria-hidden />}>{t('upload.button')}</Button>
      </Upload>
    </Form.Item>
  );
}

function CaseForm({ category, slug, onChange }: { category: string; slug: string; onChange: () => void }) {
  const { t, i18n } = useTranslation('newCase');
  const navigate = useNavigate();
  const to = useTenantPath();
  const [form] = Form.useForm<Values>();
  const [uploading, setUploading] = useState(false);
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const definition = useQuery({
    queryKey: ['portal-form', slug, category, locale],
    queryFn: ({ signal }) => publicApi<PortalForm>(`/${slug}/portal/form`, { query: { category, locale }, signal }),
    staleTime: 60_000,
  });
  // The form also lists the fixed fields (description, name, e-mail, phone); this page lays those out itself.
  const fields = (definition.data?.fields ?? []).filter((field) => !fixedKeys.has(field.key));
  const amountField = fields.find((field) => field.kind === 'amount');
  const uploadFields = fields.filter((field) => field.kind === 'upload');

  const submit = useMutation({
    mutationFn: async (values: Values) => {
      const typed: Record<string, string> = {};
      for (const field of fields) {
        const value = field.kind === 'text' ? values.fields?.[field.key] : undefined;
        if (value && value.trim()) typed[field.key] = value.trim();
      }
      const amountValue = values.amount?.value?.trim();
      const body: NewCase = {
        category,
        locale,
        description: values.description.trim(),
        fields: typed,
        ...(values.name?.trim() ? { name: values.name.trim() } : {}),
        ...(values.email?.trim() ? { email: values.email.trim() } : {}),
        ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
        ...(amountValue ? { amount: { value: amountValue, currency: values.amount?.currency ?? 'CNY' } } : {}),
        ...(values.website ? { website: values.website } : {}),
      };
      const created = await publicApi<CreatedCase>(`/${slug}/portal/cases`, { method: 'POST', body });
      // The case exists now: files go to it through the status link, one by one.
      setUploading(true);
      const uploadErrors: string[] = [];
      const files = Object.values(values.uploads ?? {}).flatMap((list) => list ?? []);
      for (const file of files) {
        if (!file.originFileObj) continue;
        try {
          await uploadFile(`/portal/status/${encodeURIComponent(created.token)}/attachments`, file.originFileObj, file.name);
        } catch (error) {
          uploadErrors.push(t('uploadFailed', { name: file.name, message: problemMessage(error, '') }));
        }
      }
      return { created, uploadErrors } satisfies JustCreated;
    },
    onSuccess: (result) => navigate(to(`/status/${encodeURIComponent(result.created.token)}`), { state: result }),
    onError: (error) => {
      setUploading(false);
      const byField = fieldErrors(error);
      type Path = ['description'] | ['name'] | ['email'] | ['phone'] | ['fields', string] | ['amount', 'value'];
      const known = new Map<string, Path>([
        ['description', ['description']],
        ['name', ['name']],
        ['email', ['email']],
        ['phone', ['phone']],
        ...fields.filter((field) => field.kind === 'text').map((field): [string, Path] => [field.key, ['fields', field.key]]),
        ...(amountField ? ([[amountField.key, ['amount', 'value']], ['amount', ['amount', 'value']]] as [string, Path][]) : []),
      ]);
      form.setFields(Object.entries(byField).flatMap(([name, message]) => (known.has(name) ? [{ name: known.get(name)!, errors: [message] }] : [])));
    },
  });

  const labelOf = (field: FormField) => field.label;
  if (definition.error) return <ProblemAlert error={definition.error} onRetry={() => void definition.refetch()} />;
  if (!definition.data) return <Loading />;
  return (
    <Card
      title={definition.data.label}
      extra={
        <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={onChange} style={{ paddingInline: 0 }}>
          {t('change')}
        </Button>
      }
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional" onFinish={(values) => submit.mutate(values)} initialValues={{ amount: { currency: 'CNY' } }} scrollToFirstError disabled={submit.isPending}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>{t('details')}</Typography.Title>
        {fields.map((field) => {
          if (field.kind === 'text') {
            return (
              <Form.Item key={field.key} name={['fields', field.key]} label={labelOf(field)} rules={field.required ? [{ required: true, whitespace: true, message: t('required', { label: field.label }) }] : []}>
                <Input maxLength={200} autoComplete="off" />
              </Form.Item>
            );
          }
          if (field.kind === 'amount') {
            return (
              <Form.Item key={field.key} label={labelOf(field)} required={field.required}>
                <Space.Compact style={{ width: '100%', maxWidth: 360 }}>
                  <Form.Item name={['amount', 'currency']} noStyle>
                    <Select aria-label={t('currency')} style={{ width: 96 }} options={currencies.map((code) => ({ value: code, label: code }))} />
                  </Form.Item>
                  <Form.Item
                    name={['amount', 'value']}
                    noStyle
                    rules={[
                      ...(field.required ? [{ required: true, message: t('required', { label: field.label }) }] : []),
                      { pattern: amountPattern, message: t('invalidAmount') },
                    ]}
                  >
                    <Input aria-label={field.label} inputMode="decimal" placeholder={t('amountPlaceholder')} />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
            );
          }
          return null;
        })}
        <Form.Item name="description" label={t('description')} rules={[{ required: true, whitespace: true, message: t('required', { label: t('description') }) }]} extra={t('privacy')}>
          <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('descriptionPlaceholder')} />
        </Form.Item>
        {uploadFields.map((field) => (
          <UploadField key={field.key} field={field.key} label={field.label} required={field.required} />
        ))}
        {uploadFields.length === 0 ? <UploadField field={EXTRA_UPLOADS} label={t('attachments')} required={false} /> : null}

        <Typography.Title level={5}>{t('contact')}</Typography.Title>
        <Form.Item name="name" label={t('name')}>
          <Input maxLength={100} autoComplete="name" />
        </Form.Item>
        <Form.Item name="email" label={t('email')} rules={[{ type: 'email', message: t('invalidEmail') }]}>
          <Input type="email" maxLength={200} autoComplete="email" inputMode="email" />
        </Form.Item>
        <Form.Item name="phone" label={t('phone')}>
          <Input type="tel" maxLength={40} autoComplete="tel" inputMode="tel" />
        </Form.Item>
        {/* Left empty by people; bots that fill every field give themselves away. */}
        <div className="pd-honeypot" aria-hidden="true">
          <Form.Item name="website" label={t('website')}>
            <Input tabIndex={-1} autoComplete="off" />
          </Form.Item>
        </div>

        {submit.error ? <ProblemAlert error={submit.error} style={{ marginBottom: 16 }} /> : null}
        {uploading ? <Alert type="info" showIcon title={t('uploading')} style={{ marginBottom: 16 }} /> : null}
        <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending}>
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}

export default function NewCasePage() {
  const { t } = useTranslation('newCase');
  const { t: tc } = useTranslation();
  const [params, setParams] = useSearchParams();
  const to = useTenantPath();
  const { tenant, portal } = usePortal();
  const asked = params.get('category');
  const known = portal.data?.problems.some((problem) => problem.category === asked) ?? false;
  const setCategory = (category: string | null) => {
    const next = new URLSearchParams(params);
    if (category) next.set('category', category);
    else next.delete('category');
    setParams(next);
  };

  let content;
  if (tenant.error) content = <ProblemAlert error={tenant.error} />;
  else if (!tenant.slug || (asked && portal.isPending)) content = <Loading />;
  else if (asked && known) content = <CaseForm key={asked} category={asked} slug={encodeURIComponent(tenant.slug)} onChange={() => setCategory(null)} />;
  else content = <ProblemPicker onPick={setCategory} />;

  return (
    <Shell tenantName={portal.data?.tenant.name}>
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <LinkButton to={to('/')} aria-label={tc('nav.home')} type="text" icon={<ArrowLeftOutlined aria-hidden />} />
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('title')}
        </Typography.Title>
      </Flex>
      {content}
    </Shell>
  );
}
