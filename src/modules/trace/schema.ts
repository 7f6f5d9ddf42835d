// The trace of one request: the request, then everything done on its behalf, one timeline.
import { z } from '@hono/zod-openapi';

export const STEP_KINDS = [
  'request',
  'admin_action',
  'event',
  'run',
  'handler',
  'email',
  'webhook_delivery',
] as const;

const attemptSchema = z.object({
  attempt: z.number().int(),
  at: z.string(),
  offset_ms: z.number(),
  duration_ms: z.number(),
  status_code: z.number().int().nullable(),
  succeeded: z.boolean(),
});

export const traceStepSchema = z
  .object({
    kind: z.enum(STEP_KINDS),
    name: z.string().openapi({
      description:
        'request: "METHOD /path"; event: its type; run: task | extraction; handler: its name; email: its template; webhook_delivery: the event type; admin_action: the action',
    }),
    id: z.string().nullable().openapi({
      description: 'The event, task, extraction, email, delivery or admin action id',
    }),
    event_id: z
      .string()
      .nullable()
      .openapi({ description: 'The event it is, handled, was started by (run) or delivers' }),
    about: z.string().nullable().openapi({
      description:
        'request: the user; email: the recipient; webhook_delivery: the endpoint; admin_action: its target',
    }),
    request_id: z.string().nullable().openapi({
      description: 'The request it was recorded for; null: a cron or an old queue message started it',
    }),
    at: z.string(),
    offset_ms: z.number().openapi({ description: 'From the start of the trace' }),
    duration_ms: z.number().nullable().openapi({
      description:
        'request: until the response; run: from its start to its end event; handler: its run; webhook_delivery: until its last attempt answered. Null: unknown or not finished',
    }),
    status: z.string().nullable().openapi({
      description:
        'request: the HTTP status; run: its outcome (running while unfinished); email and webhook_delivery: their status',
    }),
    attempts: z.array(attemptSchema).optional().openapi({ description: 'A webhook delivery’s attempts' }),
  })
  .openapi('TraceStep');

export const traceSchema = z
  .object({
    request_id: z.string(),
    request: z
      .object({
        method: z.string(),
        path: z.string(),
        status: z.number().int(),
        duration_ms: z.number(),
        user_id: z.string().nullable(),
        started_at: z.string(),
      })
      .nullable()
      .openapi({ description: 'Null: not recorded (e.g. before tracing recorded requests)' }),
    started_at: z.string().openapi({ description: 'The request’s start, else the first thing it recorded' }),
    duration_ms: z.number().openapi({ description: 'From the start to the end of the last step' }),
    followed: z.record(z.string(), z.array(z.string())).openapi({
      description:
        'The things the request touched, whose later events not caused by another request are included',
    }),
    steps: z.array(traceStepSchema).openapi({ description: 'In time order' }),
  })
  .openapi('Trace');

export type Trace = z.infer<typeof traceSchema>;
export type TraceStep = z.infer<typeof traceStepSchema>;
