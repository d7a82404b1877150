// The SLA engine's fixed word lists, in a module without dependencies so the web console can
// import the same lists the API validates against.

/** Clocks a policy can set. */
export const policyClockNames = ['first_reply', 'next_reply', 'resolution', 'platform_reply', 'platform_complete', 'platform_72h'] as const;
/** Every clock a case can carry: policy clocks plus deadlines a platform fixes (a Stripe dispute's evidence due date). */
export const clockNames = [...policyClockNames, 'evidence_due'] as const;
export type ClockName = (typeof clockNames)[number];
export const policyClockKinds = ['business', 'elapsed', 'calendar_day_end'] as const;
/** `fixed`: a deadline at one instant set by a platform, not computed from a target. */
export const clockKinds = [...policyClockKinds, 'fixed'] as const;
export type ClockKind = (typeof clockKinds)[number];
export const pauseStatuses = ['pending_customer', 'pending_internal', 'paused'] as const;
export const breachActions = ['notify', 'escalate', 'raise_priority'] as const;
export type BreachAction = (typeof breachActions)[number];
/** What a reopened case's clocks do: start a new run, or continue the old one. */
export const reopenModes = ['restart', 'resume'] as const;
