import { Readable } from 'node:stream';
import { z } from 'zod';

/** Headers of GET /stream. */
export const streamHeaders = z.object({
  /** The `id` of the last event the client received (a sequence number): the stream resumes right after it. */
  'last-event-id': z
    .string()
    .regex(/^\d{1,15}$/, 'the id of an event from this stream (digits)')
    .optional()
    .describe('The `id` of the last event the client received (a sequence number): the stream resumes right after it.'),
});

/** The 200 response: documented for OpenAPI, never serialized (the body is written as it happens). */
export const streamResponse = {
  description: 'Server-Sent Events, one per change to a case of the tenant, in chain order',
  content: {
    'text/event-stream': {
      schema: z
        .instanceof(Readable)
        .describe(
          'Frames: `id: <seq>\\nevent: case\\ndata: {"case_id","type","seq","at"}\\n\\n` per case event; `id: <seq>\\nevent: reset\\ndata: {"seq"}\\n\\n` when a resume was too far behind (refetch, then carry on); `: ping` comments every 15 s.',
        ),
    },
  },
};
