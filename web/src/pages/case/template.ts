// Fills a playbook reply template's {placeholders} from what the case already knows; the rest stay
// visible as {name} so the agent sees what to fill in before sending.
import type { Case, Customer } from '../../api/types';

const placeholderPattern = /\{([a-z_]+)\}/g;

/** 12900 + CNY → "129.00" (the template writes the currency itself). */
function plainAmount(amount: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (amount / 10 ** digits).toFixed(digits);
}

export function templateValues(item: Case, customer: Customer | undefined, agentName: string): Record<string, string | undefined> {
  return {
    customer_name: customer?.name ?? undefined,
    case_number: String(item.number),
    transaction_id: item.refs.transaction_id,
    order_id: item.refs.order_id,
    error_code: item.refs.error_code,
    terminal_serial: item.refs.terminal_serial,
    amount: item.amount !== null && item.currency ? plainAmount(item.amount, item.currency) : undefined,
    currency: item.currency ?? undefined,
    agent_name: agentName,
  };
}

export function fillTemplate(text: string, values: Record<string, string | undefined>): string {
  return text.replace(placeholderPattern, (whole, name: string) => {
    const value = values[name];
    return value === undefined || value === '' ? whole : value;
  });
}

/** Placeholders still in a text, e.g. ["refund_days"]. */
export function unfilledPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(placeholderPattern)].map((match) => match[1] ?? ''))].filter(Boolean);
}
