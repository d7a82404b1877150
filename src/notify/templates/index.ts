export { notificationMessage } from './message.js';
export { renderNotification } from './render.js';
export { formatDueTime, formatDuration } from './format.js';
export { escapeMarkdown } from './escape.js';
export type * from './types.js';
