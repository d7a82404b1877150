// The queue's filters live in the URL query string, so a view is shareable, bookmarkable and
// survives a reload. Defaults are left out of the URL: a bare `/` is "all open, newest first".
import { categories, channels, openStatuses, priorities, statuses, type Status } from '../../api/domain';
import type { CaseChannel, CasePriority, CaseSort, Me } from '../../api/types';

export const sorts = ['-created_at', 'created_at', '-updated_at', 'updated_at', 'due_at', '-due_at', '-priority', 'priority', '-number', 'number'] as const satisfies readonly CaseSort[];
export const defaultSort: CaseSort = '-created_at';
/** "Due within N hours" choices: the WeChat Pay first-reply (24 h) and completion (72 h) windows among them. */
export const dueWindows = [1, 4, 24, 72] as const;
export const pageSize = 50;

export type Filters = {
  /** Empty means any status. */
  status: Status[];
  /** A category id or a `prefix.*` pattern. */
  category?: string;
  priority: CasePriority[];
  channel: CaseChannel[];
  team?: string;
  /** `me`, `none` or a user id. */
  assignee?: string;
  q?: string;
  /** Only cases due within this many hours from now (overdue ones included). */
  due?: number;
  sort: CaseSort;
};

export const defaultFilters: Filters = { status: [...openStatuses], priority: [], channel: [], sort: defaultSort };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Category prefixes that group more than one category (`payment_failed`, `refund`, `pos`). */
export const categoryPrefixes = [...new Set(categories.filter((id) => id.includes('.')).map((id) => id.split('.')[0] ?? id))].filter(
  (prefix) => categories.filter((id) => id.startsWith(`${prefix}.`)).length > 1,
);

export function isCategoryFilter(value: string): boolean {
  if ((categories as readonly string[]).includes(value)) return true;
  return value.endsWith('.*') && categoryPrefixes.includes(value.slice(0, -2));
}

function listParam<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (!value) return [];
  const wanted = value.split(',').map((part) => part.trim());
  return allowed.filter((item) => wanted.includes(item));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

export function parseFilters(params: URLSearchParams): Filters {
  const filters: Filters = { ...defaultFilters, status: [...defaultFilters.status] };
  const status = params.get('status');
  if (status === 'any') filters.status = [];
  else if (status) {
    const picked = listParam(status, statuses);
    if (picked.length > 0) filters.status = picked;
  }
  const category = params.get('category');
  if (category && isCategoryFilter(category)) filters.category = category;
  filters.priority = listParam(params.get('priority'), priorities);
  filters.channel = listParam(params.get('channel'), channels);
  const team = params.get('team')?.trim();
  if (team && team.length <= 32) filters.team = team;
  const assignee = params.get('assignee');
  if (assignee === 'me' || assignee === 'none' || (assignee && uuidPattern.test(assignee))) filters.assignee = assignee;
  const q = params.get('q')?.trim();
  if (q) filters.q = q.slice(0, 200);
  const due = Number(params.get('due'));
  if (Number.isInteger(due) && due > 0 && due <= 24 * 30) filters.due = due;
  const sort = params.get('sort');
  if (sort && (sorts as readonly string[]).includes(sort)) filters.sort = sort as CaseSort;
  return filters;
}

/** The URL query for these filters, defaults left out, keys in a fixed order. */
export function serializeFilters(filters: Filters, options: { withSort?: boolean } = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status.length === 0) params.set('status', 'any');
  else if (!sameSet(filters.status, defaultFilters.status)) params.set('status', statuses.filter((status) => filters.status.includes(status)).join(','));
  if (filters.category) params.set('category', filters.category);
  if (filters.priority.length > 0) params.set('priority', priorities.filter((priority) => filters.priority.includes(priority)).join(','));
  if (filters.channel.length > 0) params.set('channel', channels.filter((channel) => filters.channel.includes(channel)).join(','));
  if (filters.team) params.set('team', filters.team);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.q) params.set('q', filters.q);
  if (filters.due) params.set('due', String(filters.due));
  if ((options.withSort ?? true) && filters.sort !== defaultSort) params.set('sort', filters.sort);
  return params;
}

/** What a view matches on: everything but the sort order, so re-sorting keeps the view selected. */
export function filterKey(filters: Filters): string {
  return serializeFilters(filters, { withSort: false }).toString();
}

export type BuiltinViewId = 'mine' | 'unassigned' | 'breaching' | 'wechatpay' | 'disputes' | 'chats' | 'pending' | 'open' | 'all';

export const builtinViews: readonly { id: BuiltinViewId; filters: Partial<Filters> }[] = [
  { id: 'mine', filters: { assignee: 'me' } },
  { id: 'unassigned', filters: { assignee: 'none' } },
  { id: 'breaching', filters: { due: 4, sort: 'due_at' } },
  { id: 'wechatpay', filters: { channel: ['wechatpay'] } },
  { id: 'disputes', filters: { channel: ['stripe'] } },
  { id: 'chats', filters: { channel: ['web_chat'] } },
  { id: 'pending', filters: { status: ['pending_customer'] } },
  { id: 'open', filters: {} },
  { id: 'all', filters: { status: [] } },
];

export function viewFilters(view: { filters: Partial<Filters> }): Filters {
  return { ...defaultFilters, status: [...defaultFilters.status], ...view.filters };
}

export function activeBuiltinView(filters: Filters): BuiltinViewId | null {
  const key = filterKey(filters);
  return builtinViews.find((view) => filterKey(viewFilters(view)) === key)?.id ?? null;
}

/** Query parameters for GET /api/v1/cases; `now` anchors the "due within" window at fetch time. */
export function toApiQuery(filters: Filters, me: Me, now: number): Record<string, string | number | undefined> {
  return {
    status: filters.status.length > 0 ? filters.status.join(',') : undefined,
    category: filters.category,
    priority: filters.priority.length > 0 ? filters.priority.join(',') : undefined,
    channel: filters.channel.length > 0 ? filters.channel.join(',') : undefined,
    team: filters.team,
    // A token without a user has no cases of its own: ask for an id no case has.
    assignee: filters.assignee === 'me' ? (me.user_id ?? '00000000-0000-0000-0000-000000000000') : filters.assignee,
    q: filters.q,
    due_before: filters.due ? new Date(now + filters.due * 3_600_000).toISOString() : undefined,
    sort: filters.sort,
    limit: pageSize,
  };
}

