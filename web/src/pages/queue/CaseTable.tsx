import type { HTMLAttributes, ReactNode } from 'react';
import { Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Case, CaseChannel, CasePriority, CaseSort, User } from '../../api/types';
import { CaseDeadline } from '../../components/clock';
import { CategoryLabel, PriorityTag, StatusTag } from '../../components/tags';
import { defaultSort } from './filters';
import './queue.css';

type SortOrder = 'ascend' | 'descend' | null;
/** Column → the list's sort for ascending and descending order (priority "descending" = most urgent first). */
const columnSorts: Record<string, { ascend: CaseSort; descend: CaseSort }> = {
  number: { ascend: 'number', descend: '-number' },
  priority: { ascend: 'priority', descend: '-priority' },
  deadline: { ascend: 'due_at', descend: '-due_at' },
};

function orderOf(column: string, sort: CaseSort): SortOrder {
  const sorts = columnSorts[column];
  if (!sorts) return null;
  return sort === sorts.ascend ? 'ascend' : sort === sorts.descend ? 'descend' : null;
}

function relativeTime(iso: string, now: number, language: string): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(0, 'minute');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}

type Props = {
  items: Case[];
  users: Map<string, User>;
  loading: boolean;
  now: number;
  sort: CaseSort;
  onSort(sort: CaseSort): void;
  focused: number | null;
  onFocus(index: number): void;
  selectable: boolean;
  selected: string[];
  onSelect(ids: string[]): void;
  empty: ReactNode;
};

/** The worklist: one dense row per case, the nearest deadline coloured by urgency. */
export function CaseTable({ items, users, loading, now, sort, onSort, focused, onFocus, selectable, selected, onSelect, empty }: Props) {
  const { t, i18n } = useTranslation('queue');
  const language = i18n.language;
  // English labels run longer than Chinese ones.
  const wide = language === 'en';
  const absolute = new Intl.DateTimeFormat(language, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const full = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

  const columns: TableColumnsType<Case> = [
    {
      key: 'number',
      title: t('columns.number'),
      dataIndex: 'number',
      width: 64,
      sorter: true,
      sortOrder: orderOf('number', sort),
      render: (number: number) => <Typography.Text type="secondary">#{number}</Typography.Text>,
    },
    {
      key: 'subject',
      title: t('columns.subject'),
      dataIndex: 'subject',
      render: (subject: string, item) => (
        <div style={{ minWidth: 0 }}>
          <Tooltip title={subject} placement="topLeft" mouseEnterDelay={0.6}>
            <Link to={`/cases/${item.id}`} className="queue-subject" data-testid="case-link">
              {subject}
            </Link>
          </Tooltip>
          <Tooltip title={`${t('columns.updated', { time: full.format(new Date(item.updated_at)) })} · ${t('columns.created', { time: full.format(new Date(item.created_at)) })}`} placement="bottomLeft">
            <div className="queue-times">
              {t('columns.updated', { time: relativeTime(item.updated_at, now, language) })} · {t('columns.created', { time: absolute.format(new Date(item.created_at)) })}
            </div>
          </Tooltip>
        </div>
      ),
    },
    {
      key: 'category',
      title: t('columns.category'),
      dataIndex: 'category',
      width: 104,
      ellipsis: { showTitle: false },
      responsive: ['lg'],
      render: (category: string) => <CategoryLabel category={category} />,
    },
    { key: 'status', title: t('columns.status'), dataIndex: 'status', width: wide ? 128 : 88, render: (status: Case['status']) => <StatusTag status={status} /> },
    {
      key: 'priority',
      title: t('columns.priority'),
      dataIndex: 'priority',
      width: wide ? 88 : 76,
      sorter: true,
      sortDirections: ['descend', 'ascend'],
      sortOrder: orderOf('priority', sort),
      render: (priority: CasePriority) => <PriorityTag priority={priority} />,
    },
    {
      key: 'channel',
      title: t('columns.channel'),
      dataIndex: 'channel',
      width: wide ? 124 : 100,
      ellipsis: { showTitle: false },
      responsive: ['lg'],
      render: (channel: CaseChannel) => (
        <Typography.Text ellipsis={{ tooltip: t(`common:channel.${channel}`) }} data-channel={channel} style={{ fontSize: 13 }}>
          {t(`common:channel.${channel}`)}
        </Typography.Text>
      ),
    },
    {
      key: 'assignee',
      title: t('columns.assignee'),
      width: 110,
      ellipsis: { showTitle: false },
      render: (_value, item) => {
        const name = item.assignee_id ? (users.get(item.assignee_id)?.name ?? t('columns.unknownUser')) : null;
        return (
          <div style={{ lineHeight: 1.3 }} data-assignee={item.assignee_id ?? 'none'}>
            <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{name ?? <Typography.Text type="secondary">{t('columns.unassigned')}</Typography.Text>}</div>
            {item.team && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-team={item.team} title={`${t('columns.team')}: ${item.team}`}>
                {item.team}
              </Typography.Text>
            )}
          </div>
        );
      },
    },
    {
      key: 'deadline',
      title: t('columns.deadline'),
      width: 124,
      sorter: true,
      sortOrder: orderOf('deadline', sort),
      render: (_value, item) => <CaseDeadline item={item} />,
    },
  ];

  const onChange: TableProps<Case>['onChange'] = (_pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const column = typeof single?.columnKey === 'string' ? single.columnKey : undefined;
    const order = single?.order;
    const sorts = column ? columnSorts[column] : undefined;
    onSort(sorts && order ? sorts[order] : defaultSort);
  };

  return (
    <Table<Case>
      className="queue-table"
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      onChange={onChange}
      showSorterTooltip={false}
      locale={{ emptyText: empty }}
      rowSelection={
        selectable
          ? {
              columnWidth: 36,
              selectedRowKeys: selected,
              onChange: (keys) => onSelect(keys.map(String)),
              getCheckboxProps: (item) => ({ 'aria-label': `${t('columns.rowActions')} #${item.number}` }),
            }
          : undefined
      }
      rowClassName={(_item, index) => (index === focused ? 'queue-row-focused' : '')}
      onRow={(_item, index) =>
        ({
          'data-focused': index === focused ? 'true' : undefined,
          'aria-current': index === focused ? 'true' : undefined,
          onClick: (event) => {
            if (index !== undefined && !(event.target instanceof HTMLElement && event.target.closest('a, button, input, label'))) onFocus(index);
          },
        }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
