import { z } from 'zod';

/** A list request as an agent would make it, and the baseline request that reads the same rows. */
export type ListQuery = { name: string; path: string; baselinePath: string };

const listBody = z.object({
  items: z.array(z.object({ id: z.string(), created_at: z.string() })),
  next_cursor: z.string().nullable(),
});
export type ListBody = z.infer<typeof listBody>;

export async function getList(baseUrl: string, path: string, headers: Record<string, string>): Promise<ListBody> {
  const response = await fetch(`${baseUrl}${path}`, { headers });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return listBody.parse(JSON.parse(text));
}

const activeQueue = 'open,pending_customer,pending_internal';

/**
 * The queries measured: the default first page, two common filters, an agent's own queue and the
 * second page through next_cursor (which needs the first page, hence the fetch).
 */
export async function listQueries(oursUrl: string, headers: Record<string, string>, agentId: string): Promise<ListQuery[]> {
  const firstPage = await getList(oursUrl, '/api/v1/cases', headers);
  const last = firstPage.items.at(-1);
  if (!firstPage.next_cursor || !last) throw new Error('the first page of cases has no next_cursor; seed more cases');
  const before = new URLSearchParams({ before_created_at: last.created_at, before_id: last.id });
  return [
    { name: 'latest 50', path: '/api/v1/cases', baselinePath: '/baseline/cases' },
    { name: 'status=open', path: '/api/v1/cases?status=open', baselinePath: '/baseline/cases?status=open' },
    { name: 'category=payment_failed.*', path: '/api/v1/cases?category=payment_failed.*', baselinePath: '/baseline/cases?category_prefix=payment_failed.' },
    {
      name: "an agent's open queue",
      path: `/api/v1/cases?assignee=${agentId}&status=${activeQueue}`,
      baselinePath: `/baseline/cases?assignee=${agentId}&status=${activeQueue}`,
    },
    { name: 'page 2 via next_cursor', path: `/api/v1/cases?cursor=${encodeURIComponent(firstPage.next_cursor)}`, baselinePath: `/baseline/cases?${before.toString()}` },
  ];
}
