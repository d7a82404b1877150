export const statuses = ['new', 'open', 'pending_customer', 'pending_internal', 'paused', 'resolved', 'closed'] as const;
export type Status = (typeof statuses)[number];

/** Where each status may go. `paused` is for a platform complaint whose close attempts ran out. */
const allowed: Record<Status, readonly Status[]> = {
  new: ['open', 'pending_customer', 'pending_internal', 'resolved'],
  open: ['pending_customer', 'pending_internal', 'paused', 'resolved'],
  pending_customer: ['open', 'pending_internal', 'paused', 'resolved'],
  pending_internal: ['open', 'pending_customer', 'paused', 'resolved'],
  paused: ['open', 'resolved'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

export function allowedTransitions(from: Status): readonly Status[] {
  return allowed[from];
}

export function canTransition(from: Status, to: Status): boolean {
  return allowed[from].includes(to);
}
