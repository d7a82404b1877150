import { App, Button, Card, Col, Flex, Form, Row, Select, Typography } from 'antd';
import { ArrowDownOutlined, ArrowRightOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { categories } from '../../../api/domain';
import type { Team } from '../../../api/types';
import { categoryFamilies } from '../shared/domain';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import { QueryResult } from '../shared/QueryResult';
import { applyServerErrors } from '../shared/serverErrors';
import { SaveDiscardBar, useUnsavedChanges } from '../shared/unsavedChanges';
import { useFormSave } from '../shared/useFormSave';
import { keys, useTeamLabel } from './queries';
import type { EscalationPaths } from './types';

/** Each family of categories (fraud, pos…), offered as a `prefix.*` pattern. */
const prefixes = categoryFamilies(categories);

/** The tenant's escalation paths: tiers a case climbs (L1 → L2 → L3) and categories that go straight to a team. */
export function EscalationPathsEditor({ teams }: { teams: Team[] }) {
  const { t } = useTranslation('settingsAccess');
  const paths = useQuery({ queryKey: keys.escalation, queryFn: () => api<EscalationPaths>('/escalation-paths') });
  return (
    <Card title={t('escalation.title')} data-testid="escalation-editor">
      <Typography.Paragraph type="secondary">{t('escalation.intro')}</Typography.Paragraph>
      <QueryResult query={paths}>{(data) => <PathsForm key={paths.dataUpdatedAt} paths={data} teams={teams} />}</QueryResult>
    </Card>
  );
}

function PathsForm({ paths, teams }: { paths: EscalationPaths; teams: Team[] }) {
  const { t } = useTranslation('settingsAccess');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const teamLabel = useTeamLabel();
  const [form] = Form.useForm<EscalationPaths>();
  const tiers = (Form.useWatch('tiers', form) as (string | undefined)[] | undefined) ?? paths.tiers;

  const teamOptions = teams.map((team) => ({ value: team.code, label: `${teamLabel(team.code, teams)} (${team.code})` }));
  const categoryOptions = [
    { label: t('escalation.families'), options: prefixes.map((prefix) => ({ value: `${prefix}.*`, label: t('escalation.family', { name: t(`categoryFamily.${prefix}`, { defaultValue: prefix }), pattern: `${prefix}.*` }) })) },
    { label: t('escalation.categories'), options: categories.map((category) => ({ value: category, label: t(`domain:category.${category}`, { defaultValue: category }) })) },
  ];

  const { mutation: save, errors, send, clearErrors } = useFormSave(form, {
    mutationFn: (values: EscalationPaths) => api<EscalationPaths>('/escalation-paths', { method: 'PUT', body: { tiers: values.tiers ?? [], category_rules: values.category_rules ?? [] } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.escalation, saved);
      void message.success(t('escalation.saved'));
    },
    fieldErrors: (error) => applyServerErrors(form, error),
  });
  const { dirty, changed, discard } = useUnsavedChanges(form, clearErrors);

  return (
    <Form<EscalationPaths> form={form} layout="vertical" name="escalation-paths" initialValues={paths} onValuesChange={changed} onFinish={send}>
      <FormErrorAlert errors={errors} separator="; " style={{ marginBottom: 16 }} />
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={10}>
          <Typography.Title level={5}>{t('escalation.tiers')}</Typography.Title>
          <Flex gap={6} wrap align="center" style={{ marginBottom: 12 }} data-testid="tier-chain">
            {tiers.filter(Boolean).map((code, index) => (
              <Flex key={`${code}-${index}`} gap={6} align="center">
                {index > 0 && <ArrowRightOutlined style={{ color: '#8c8c8c' }} />}
                <Typography.Text strong>{teamLabel(code, teams)}</Typography.Text>
              </Flex>
            ))}
          </Flex>
          <Form.List name="tiers" rules={[{ validator: async (_, value: unknown[] | undefined) => ((value ?? []).length === 0 ? Promise.reject(new Error(t('escalation.tiersRequired'))) : undefined) }]}>
            {(fields, { add, remove, move }, { errors }) => (
              <Flex vertical gap={8}>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={6} align="start">
                    <Typography.Text style={{ width: 20, paddingTop: 5 }}>{index + 1}.</Typography.Text>
                    <Form.Item name={field.name} rules={[{ required: true, message: t('escalation.teamRequired') }]} style={{ flex: 1, marginBottom: 0 }}>
                      <Select aria-label={t('escalation.tierN', { number: index + 1 })} options={teamOptions} />
                    </Form.Item>
                    <Button icon={<ArrowUpOutlined />} aria-label={t('escalation.moveUp')} disabled={index === 0} onClick={() => move(index, index - 1)} />
                    <Button icon={<ArrowDownOutlined />} aria-label={t('escalation.moveDown')} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)} />
                    <Button icon={<DeleteOutlined />} danger aria-label={t('escalation.removeTier', { number: index + 1 })} disabled={fields.length <= 1} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= 10} onClick={() => add(teams.find((team) => !tiers.includes(team.code))?.code)}>
                  {t('escalation.addTier')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Col>
        <Col xs={24} lg={14}>
          <Typography.Title level={5}>{t('escalation.rules')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('escalation.rulesHelp')}</Typography.Paragraph>
          <Form.List name="category_rules">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.length === 0 && <Typography.Text type="secondary">{t('escalation.noRules')}</Typography.Text>}
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={6} align="start" wrap>
                    <Form.Item name={[field.name, 'category']} rules={[{ required: true, message: t('escalation.categoryRequired') }]} style={{ flex: '2 1 220px', marginBottom: 0 }}>
                      <Select showSearch={{ optionFilterProp: 'label' }} aria-label={t('escalation.ruleCategory', { number: index + 1 })} placeholder={t('escalation.categoryPlaceholder')} options={categoryOptions} />
                    </Form.Item>
                    <ArrowRightOutlined style={{ color: '#8c8c8c', paddingTop: 9 }} />
                    <Form.Item name={[field.name, 'team']} rules={[{ required: true, message: t('escalation.teamRequired') }]} style={{ flex: '1 1 160px', marginBottom: 0 }}>
                      <Select aria-label={t('escalation.ruleTeam', { number: index + 1 })} placeholder={t('escalation.teamPlaceholder')} options={teamOptions} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} danger aria-label={t('escalation.removeRule', { number: index + 1 })} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= 50} onClick={() => add({ category: undefined, team: undefined })}>
                  {t('escalation.addRule')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Col>
      </Row>
      <SaveDiscardBar saveText={t('escalation.save')} saving={save.isPending} dirty={dirty} onDiscard={discard} style={{ marginTop: 16 }} />
    </Form>
  );
}
