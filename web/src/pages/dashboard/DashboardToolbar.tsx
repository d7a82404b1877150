import { Button, DatePicker, Select, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Team } from '../../api/types';
import { DATE_FORMAT, MAX_RANGE_DAYS, type DashboardFilters } from './useDashboardData';

type Props = {
  filters: DashboardFilters;
  onChange: (next: Partial<DashboardFilters>) => void;
  teams: Team[];
  refreshing: boolean;
  onRefresh: () => void;
};

const hiddenLabel = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** Date range (with presets), team filter and a refresh button. */
export function DashboardToolbar({ filters, onChange, teams, refreshing, onRefresh }: Props) {
  const { t } = useTranslation('dashboard');
  const today = dayjs().endOf('day');
  const presets: Array<{ label: string; value: [Dayjs, Dayjs] }> = [
    { label: t('filters.last7'), value: [dayjs().subtract(6, 'day'), dayjs()] },
    { label: t('filters.last30'), value: [dayjs().subtract(29, 'day'), dayjs()] },
    { label: t('filters.last90'), value: [dayjs().subtract(89, 'day'), dayjs()] },
    { label: t('filters.thisMonth'), value: [dayjs().startOf('month'), dayjs()] },
    { label: t('filters.lastMonth'), value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
  ];
  return (
    <Space wrap size="middle" align="center">
      <Space size="small" align="center">
        <Typography.Text id="dashboard-range-label">{t('filters.range')}</Typography.Text>
        <label htmlFor="dashboard-range-start" style={hiddenLabel}>
          {t('filters.start')}
        </label>
        <label htmlFor="dashboard-range-end" style={hiddenLabel}>
          {t('filters.end')}
        </label>
        <DatePicker.RangePicker
          id={{ start: 'dashboard-range-start', end: 'dashboard-range-end' }}
          value={[dayjs(filters.from), dayjs(filters.to)]}
          allowClear={false}
          presets={presets}
          placeholder={[t('filters.start'), t('filters.end')]}
          // Nothing after today, and no more than the server's longest range.
          disabledDate={(date, { from }) => date.isAfter(today) || (from !== undefined && Math.abs(date.diff(from, 'day')) >= MAX_RANGE_DAYS)}
          onChange={(range) => {
            const [start, end] = range ?? [];
            if (start && end) onChange({ from: start.format(DATE_FORMAT), to: end.format(DATE_FORMAT) });
          }}
        />
      </Space>
      <Space size="small" align="center">
        <label htmlFor="dashboard-team">{t('filters.team')}</label>
        <Select
          id="dashboard-team"
          style={{ minWidth: 180 }}
          value={filters.team ?? ''}
          onChange={(team: string) => onChange({ team: team || null })}
          options={[{ value: '', label: t('filters.allTeams') }, ...teams.map((team) => ({ value: team.code, label: `${team.name} (${team.code})` }))]}
        />
      </Space>
      <Button icon={<ReloadOutlined />} loading={refreshing} onClick={onRefresh}>
        {t('filters.refresh')}
      </Button>
    </Space>
  );
}
