// Types of the API's responses, inferred from the server's own zod schemas (type-only imports:
// nothing of the server reaches the bundle), so the console breaks at compile time when they drift.
import type { z } from 'zod';
import type { caseResponse, messageResponse, timelineItem } from '../../../src/cases/cases.schema.js';
import type { meResponse, teamResponse, userResponse } from '../../../src/auth/auth.schema.js';

export type Me = z.infer<typeof meResponse>;
export type Case = z.infer<typeof caseResponse>;
export type CaseClock = Case['clocks'][number];
export type Message = z.infer<typeof messageResponse>;
export type TimelineItem = z.infer<typeof timelineItem>;
export type User = z.infer<typeof userResponse>;
export type Team = z.infer<typeof teamResponse>;
export type { Role } from '../../../src/auth/roles.js';
export type { Category } from '../../../src/cases/taxonomy.js';
