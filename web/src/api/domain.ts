// The domain's fixed lists, taken from the server's modules (pure constants, no server code).
export { categories, channels, priorities, resolutions, refNames } from '../../../src/cases/taxonomy.js';
export { statuses, allowedTransitions } from '../../../src/cases/status-machine.js';
export type { Status } from '../../../src/cases/status-machine.js';
export { categoryLabels, clockLabels, priorityLabels } from '../../../src/notify/templates/labels.js';

/** Statuses a case is still being worked in. */
export const openStatuses = ['new', 'open', 'pending_customer', 'pending_internal', 'paused'] as const;
