import { useEffect, useState, type Ref } from 'react';
import { Button, Flex, Input, Select } from 'antd';
import type { InputRef } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { categories, channels, priorities, statuses, type Status } from '../../api/domain';
import type { CaseChannel, CasePriority, CaseSort, Team, User } from '../../api/types';
import { categoryPrefixes, defaultFilters, dueWindows, filterKey, sorts, type Filters } from './filters';

type Props = {
  filters: Filters;
  /** Changes some filters, keeping the rest as they are in the URL now. */
  onChange(patch: Partial<Filters>): void;
  onReset(): void;
  users: User[];
  teams: Team[];
  canSeeOwn: boolean;
  searchRef: Ref<InputRef>;
};

/** Status, category, priority, channel, team, assignee, deadline window, sort and text search. */
export function FilterBar({ filters, onChange, onReset, users, teams, canSeeOwn, searchRef }: Props) {
  const { t } = useTranslation('queue');
  const [text, setText] = useState(filters.q ?? '');
  // Follow the URL when it changes from elsewhere (a view, back/forward, reset).
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  const set = onChange;

  const grouped = new Set(categoryPrefixes);
  const categoryOptions = [
    ...categoryPrefixes.map((prefix) => ({
      label: t(`categoryGroup.${prefix}`, { defaultValue: prefix }),
      title: prefix,
      options: [
        { value: `${prefix}.*`, label: t(`categoryAll.${prefix}`, { defaultValue: `${prefix}.*` }) },
        ...categories.filter((id) => id.startsWith(`${prefix}.`)).map((id) => ({ value: id, label: t(`domain:category.${id}`) })),
      ],
    })),
    {
      label: t('categoryGroup.other'),
      title: 'other',
      options: categories.filter((id) => !grouped.has(id.split('.')[0] ?? id) || !id.includes('.')).map((id) => ({ value: id, label: t(`domain:category.${id}`) })),
    },
  ];

  const activeUsers = users.filter((user) => user.active && user.role !== 'viewer');
  const assigneeOptions = [
    ...(canSeeOwn ? [{ value: 'me', label: t('filters.assigneeMe') }] : []),
    { value: 'none', label: t('filters.assigneeNone') },
    ...activeUsers.map((user) => ({ value: user.id, label: user.name })),
  ];
  // An assignee from a shared link who is no longer active still shows by name.
  if (filters.assignee && !assigneeOptions.some((option) => option.value === filters.assignee)) {
    const user = users.find((candidate) => candidate.id === filters.assignee);
    assigneeOptions.push({ value: filters.assignee, label: user?.name ?? filters.assignee });
  }
  const teamOptions = teams.map((team) => ({ value: team.code, label: team.name && team.name !== team.code ? `${team.code} · ${team.name}` : team.code }));
  if (filters.team && !teamOptions.some((option) => option.value === filters.team)) teamOptions.push({ value: filters.team, label: filters.team });

  const isDefault = filterKey(filters) === filterKey(defaultFilters) && filters.sort === defaultFilters.sort;

  return (
    <Flex wrap gap={8} align="center" role="search" aria-label={t('filters.label')}>
      <Input.Search
        ref={searchRef}
        aria-label={t('filters.searchLabel')}
        placeholder={t('filters.search')}
        allowClear
        value={text}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => set({ q: value.trim() || undefined })}
        style={{ width: 260 }}
      />
      <Select<Status[]>
        mode="multiple"
        aria-label={t('filters.status')}
        placeholder={t('filters.statusAny')}
        value={filters.status}
        onChange={(status) => set({ status })}
        options={statuses.map((status) => ({ value: status, label: t(`common:status.${status}`) }))}
        maxTagCount="responsive"
        allowClear
        style={{ width: 200 }}
        data-testid="filter-status"
      />
      <Select<string>
        aria-label={t('filters.category')}
        placeholder={t('filters.categoryAny')}
        value={filters.category}
        onChange={(category) => set({ category: category || undefined })}
        options={categoryOptions}
        showSearch={{ optionFilterProp: 'label' }}
        allowClear
        popupMatchSelectWidth={260}
        style={{ width: 170 }}
        data-testid="filter-category"
      />
      <Select<CasePriority[]>
        mode="multiple"
        aria-label={t('filters.priority')}
        placeholder={t('filters.priorityAny')}
        value={filters.priority}
        onChange={(priority) => set({ priority })}
        options={priorities.map((priority) => ({ value: priority, label: t(`domain:priority.${priority}`) }))}
        maxTagCount="responsive"
        allowClear
        style={{ width: 150 }}
        data-testid="filter-priority"
      />
      <Select<CaseChannel[]>
        mode="multiple"
        aria-label={t('filters.channel')}
        placeholder={t('filters.channelAny')}
        value={filters.channel}
        onChange={(channel) => set({ channel })}
        options={channels.map((channel) => ({ value: channel, label: t(`common:channel.${channel}`) }))}
        maxTagCount="responsive"
        allowClear
        popupMatchSelectWidth={200}
        style={{ width: 170 }}
        data-testid="filter-channel"
      />
      <Select<string>
        aria-label={t('filters.team')}
        placeholder={t('filters.teamAny')}
        value={filters.team}
        onChange={(team) => set({ team: team || undefined })}
        options={teamOptions}
        allowClear
        popupMatchSelectWidth={200}
        style={{ width: 120 }}
        data-testid="filter-team"
      />
      <Select<string>
        aria-label={t('filters.assignee')}
        placeholder={t('filters.assigneeAny')}
        value={filters.assignee}
        onChange={(assignee) => set({ assignee: assignee || undefined })}
        options={assigneeOptions}
        showSearch={{ optionFilterProp: 'label' }}
        allowClear
        popupMatchSelectWidth={200}
        style={{ width: 140 }}
        data-testid="filter-assignee"
      />
      <Select<number>
        aria-label={t('filters.due')}
        placeholder={t('filters.dueAny')}
        value={filters.due}
        onChange={(due) => set({ due: due || undefined })}
        options={dueWindows.map((hours) => ({ value: hours, label: t('filters.dueWithin', { hours }) }))}
        allowClear
        popupMatchSelectWidth={240}
        style={{ width: 150 }}
        data-testid="filter-due"
      />
      <Select<CaseSort>
        aria-label={t('filters.sort')}
        value={filters.sort}
        onChange={(sort) => set({ sort })}
        options={sorts.map((sort) => ({ value: sort, label: t(`sort.${sort}`) }))}
        popupMatchSelectWidth={200}
        style={{ width: 150 }}
        data-testid="filter-sort"
      />
      <Button icon={<ClearOutlined />} disabled={isDefault} onClick={onReset}>
        {t('filters.reset')}
      </Button>
    </Flex>
  );
}
