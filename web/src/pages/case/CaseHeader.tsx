import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Card, Col, Descriptions, Flex, Row, Select, Space, Tag, Typography } from 'antd';
import type { ColProps, SelectProps } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { categories, priorities } from '../../api/domain';
import type { Case } from '../../api/types';
import { CaseDeadline } from '../../components/clock';
import { CategoryLabel, ChannelTag, formatMoney, PriorityTag, StatusTag } from '../../components/tags';
import { useTeams, useUpdateCase, useUsers, type CasePatch } from './data';
import { problemText, useFormat } from './format';

/** One property of the case: its name above the select that changes it, in a column `span` wide. */
function Property<Value>({ label, span, ...select }: { label: string; span: ColProps } & Omit<SelectProps<Value>, 'aria-label' | 'style'>) {
  return (
    <Col {...span}>
      <div>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 4 }}>
          {label}
        </Typography.Text>
        <Select<Value> aria-label={label} style={{ width: '100%' }} {...select} />
      </div>
    </Col>
  );
}

/** Category, priority, assignee, team and tags, each saved as soon as it changes. */
function Properties({ item, editable }: { item: Case; editable: boolean }) {
  const { t } = useTranslation('case');
  const { message } = App.useApp();
  const users = useUsers();
  const teams = useTeams();
  const update = useUpdateCase(item.id);
  const save = (patch: CasePatch) =>
    update.mutate(patch, {
      onSuccess: () => void message.success(t('header.saved')),
      onError: (error) => void message.error(problemText(error)),
    });
  const disabled = !editable || update.isPending;
  const userOptions = [
    { value: 'none', label: t('header.unassigned') },
    ...(users.data ?? []).filter((user) => user.active || user.id === item.assignee_id).map((user) => ({ value: user.id, label: user.name })),
  ];
  const teamCodes = new Set([...(teams.data ?? []).map((team) => team.code), ...(item.team ? [item.team] : [])]);
  return (
    <Row gutter={[12, 12]} style={{ marginTop: 16 }}>
      <Property
        label={t('header.category')}
        span={{ xs: 24, sm: 12, xl: 6 }}
        value={item.category}
        disabled={disabled}
        showSearch={{ optionFilterProp: 'label' }}
        options={categories.map((category) => ({ value: category, label: t(`domain:category.${category}`) }))}
        onChange={(category) => save({ category })}
      />
      <Property
        label={t('header.priority')}
        span={{ xs: 12, sm: 6, xl: 3 }}
        value={item.priority}
        disabled={disabled}
        options={priorities.map((priority) => ({ value: priority, label: t(`domain:priority.${priority}`) }))}
        onChange={(priority) => save({ priority })}
      />
      <Property
        label={t('header.assignee')}
        span={{ xs: 12, sm: 6, xl: 5 }}
        value={item.assignee_id ?? 'none'}
        disabled={disabled}
        loading={users.isLoading}
        showSearch={{ optionFilterProp: 'label' }}
        options={userOptions}
        onChange={(value) => save({ assignee_id: value === 'none' ? null : value })}
      />
      <Property
        label={t('header.team')}
        span={{ xs: 12, sm: 8, xl: 4 }}
        value={item.team ?? 'none'}
        disabled={disabled}
        loading={teams.isLoading}
        options={[{ value: 'none', label: t('header.noTeam') }, ...[...teamCodes].map((code) => ({ value: code, label: teams.data?.find((team) => team.code === code)?.name ?? code }))]}
        onChange={(value) => save({ team: value === 'none' ? null : value })}
      />
      <Property
        label={t('header.tags')}
        span={{ xs: 12, sm: 16, xl: 6 }}
        mode="tags"
        value={item.tags}
        disabled={disabled}
        placeholder={t('header.tagsPlaceholder')}
        tokenSeparators={[',', ' ']}
        onChange={(tags) => save({ tags })}
        open={false}
        suffixIcon={null}
      />
    </Row>
  );
}

function References({ item }: { item: Case }) {
  const { t } = useTranslation('case');
  const { language } = useFormat();
  const entries = Object.entries(item.refs);
  const items = [
    ...entries.map(([key, value]) => ({ key, label: t(`ref.${key}`, { defaultValue: key }), children: <Typography.Text copyable={{ text: value }}>{value}</Typography.Text> })),
    ...(item.amount !== null && item.currency ? [{ key: 'amount', label: t('header.amount'), children: <Typography.Text strong>{formatMoney(item.amount, item.currency, language)}</Typography.Text> }] : []),
  ];
  if (items.length === 0) return <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t('header.noRefs')}</Typography.Paragraph>;
  return <Descriptions size="small" style={{ marginTop: 16 }} title={t('header.refs')} column={{ xs: 1, sm: 2, lg: 3 }} items={items} data-testid="case-refs" />;
}

export function CaseHeader({ item, editable, repeatNumber, actions }: { item: Case; editable: boolean; repeatNumber: number | null; actions: ReactNode }) {
  const { t } = useTranslation('case');
  const { time } = useFormat();
  return (
    <Card>
      <Link to="/">
        <Space size={4}>
          <ArrowLeftOutlined />
          {t('backToQueue')}
        </Space>
      </Link>
      <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginTop: 8 }}>
        <div style={{ minWidth: 0, flex: '1 1 420px' }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 8 }}>
            <span data-testid="case-number">{t('heading', { number: item.number })}</span>
            <Typography.Text style={{ fontSize: 'inherit', fontWeight: 'inherit', marginLeft: 12 }}>{item.subject}</Typography.Text>
          </Typography.Title>
          <Space wrap size={[4, 8]}>
            <StatusTag status={item.status} />
            <PriorityTag priority={item.priority} />
            <ChannelTag channel={item.channel} />
            <Tag>
              <CategoryLabel category={item.category} />
            </Tag>
            <CaseDeadline item={item} />
            {item.resolution && <Tag color="green">{t('header.resolution', { resolution: t(`common:resolution.${item.resolution}`) })}</Tag>}
            <Typography.Text type="secondary">
              {t('header.created')} {time(item.created_at)}
            </Typography.Text>
          </Space>
        </div>
        <div>{actions}</div>
      </Flex>
      {item.repeat_of && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={
            <Space>
              {t('header.repeatOf')}
              <Link to={`/cases/${item.repeat_of}`}>{repeatNumber !== null ? `#${repeatNumber}` : t('header.repeatOfEarlier')}</Link>
            </Space>
          }
        />
      )}
      <Properties item={item} editable={editable} />
      <References item={item} />
      {item.description && (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12, fontSize: 12 }}>
            {t('header.description')}
          </Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} ellipsis={{ rows: 4, expandable: 'collapsible' }}>
            {item.description}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
