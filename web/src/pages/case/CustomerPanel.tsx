import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Case, CustomerWithCases } from '../../api/types';
import { StatusTag } from '../../components/tags';
import type { useCustomer } from './data';
import { useFormat } from './format';
import { PanelTitle, QueryPanel } from './Panel';

/** Who the customer is and every case they opened, repeats marked. */
export function CustomerPanel({ item, customer }: { item: Case; customer: ReturnType<typeof useCustomer> }) {
  const { t } = useTranslation('case');
  const title = <PanelTitle icon={<UserOutlined />}>{t('customer.title')}</PanelTitle>;
  if (!item.customer_id) {
    return (
      <Card size="small" title={title}>
        <Typography.Text type="secondary">{t('customer.none')}</Typography.Text>
      </Card>
    );
  }
  return (
    <QueryPanel title={title} query={customer}>
      {(person) => <CustomerCard item={item} person={person} title={title} />}
    </QueryPanel>
  );
}

function CustomerCard({ item, person, title }: { item: Case; person: CustomerWithCases; title: ReactNode }) {
  const { t } = useTranslation('case');
  const { time } = useFormat();
  const contact = [
    person.email ? { key: 'email', label: t('customer.email'), children: person.email } : null,
    person.phone ? { key: 'phone', label: t('customer.phone'), children: person.phone } : null,
    person.external_id ? { key: 'external', label: t('customer.externalId'), children: <Typography.Text style={{ wordBreak: 'break-all' }}>{person.external_id}</Typography.Text> } : null,
  ].filter((entry) => entry !== null);
  const others = person.cases;
  return (
    <Card size="small" title={title} data-testid="customer-panel">
      <Typography.Text strong style={{ fontSize: 15 }}>
        {person.name ?? t('customer.unnamed')}
      </Typography.Text>
      {contact.length > 0 && <Descriptions size="small" column={1} items={contact} style={{ marginTop: 8 }} />}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12, marginBottom: 6, fontSize: 12 }}>
        {t('customer.history')}
      </Typography.Text>
      {others.length <= 1 ? (
        <Typography.Text type="secondary">{t('customer.firstCase')}</Typography.Text>
      ) : (
        <Flex vertical gap={6} role="list" aria-label={t('customer.history')}>
          {others.map((other) => {
            const current = other.id === item.id;
            const repeat = other.repeat_of !== null;
            const original = other.id === item.repeat_of;
            return (
              <div
                key={other.id}
                role="listitem"
                data-repeat={repeat}
                style={{
                  padding: '6px 8px',
                  borderRadius: 6,
                  borderLeft: `3px solid ${repeat ? '#fa8c16' : original ? '#1677ff' : '#f0f0f0'}`,
                  background: current ? '#e6f4ff' : repeat ? '#fff7e6' : undefined,
                }}
              >
                <Flex justify="space-between" gap={8} wrap>
                  {current ? <Typography.Text strong>#{other.number}</Typography.Text> : <Link to={`/cases/${other.id}`}>#{other.number}</Link>}
                  <span>
                    {repeat && <Tag color="orange">{t('customer.repeat')}</Tag>}
                    {current && <Tag color="blue">{t('customer.current')}</Tag>}
                    <StatusTag status={other.status} />
                  </span>
                </Flex>
                <Typography.Text ellipsis style={{ display: 'block', maxWidth: '100%' }} title={other.subject}>
                  {other.subject}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {time(other.created_at)}
                </Typography.Text>
              </div>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}
