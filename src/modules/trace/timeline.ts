// Turning what a request left behind (rows read by ./service) into one timeline: each row a step, timed
// from the request's start. Pure, so the shape is tested without D1.
import type {
  AdminActionRow,
  EmailLog,
  EventRow,
  TracedRequest,
  WebhookAttempt,
  WebhookDelivery,
} from '../../db/schema';
import { STEP_KINDS, type Trace, type TraceStep } from './schema';

/** A run is the span from a start event of a thing to its next end event (its outcome). */
const RUNS = [
  {
    name: 'task',
    key: 'task_id',
    starts: ['task.started'],
    ends: ['task.completed', 'task.needs_review', 'task.failed'],
  },
  {
    name: 'extraction',
    key: 'extraction_id',
    starts: ['extraction.progress'],
    ends: ['extraction.completed', 'extraction.failed'],
  },
] as const;

export interface Traced {
  requestId: string;
  request: TracedRequest | null;
  /** In id (creation) order. */
  events: EventRow[];
  handlers: { eventId: string; handler: string; durationMs: number | null; createdAt: string }[];
  emails: Pick<EmailLog, 'id' | 'template' | 'to' | 'status' | 'requestId' | 'createdAt'>[];
  deliveries: WebhookDelivery[];
  attempts: WebhookAttempt[];
  actions: AdminActionRow[];
  followed: Record<string, string[]>;
}

type Step = Omit<TraceStep, 'offset_ms' | 'attempts'> & { attempts?: Omit<Attempt, 'offset_ms'>[] };
type Attempt = NonNullable<TraceStep['attempts']>[number];

const ms = (iso: string) => Date.parse(iso);
const shift = (iso: string, by: number) => new Date(ms(iso) + by).toISOString();

export function buildTrace(traced: Traced): Trace {
  const steps = [
    ...requestStep(traced),
    ...traced.actions.map(
      (a): Step => ({
        ...blank('admin_action', a.action, a.createdAt, a.requestId),
        id: a.id,
        about: a.targetId,
      }),
    ),
    ...traced.events.map(
      (e): Step => ({ ...blank('event', e.type, e.createdAt, e.requestId), id: e.id, event_id: e.id }),
    ),
    ...runSteps(traced.events),
    ...handlerSteps(traced),
    ...traced.emails.map(
      (m): Step => ({
        ...blank('email', m.template, m.createdAt, m.requestId),
        id: m.id,
        about: m.to,
        status: m.status,
      }),
    ),
    ...deliverySteps(traced),
  ];
  const start = traced.request?.startedAt ?? steps.map((s) => s.at).sort()[0] ?? new Date(0).toISOString();
  const offset = (at: string) => ms(at) - ms(start);
  const timeline: TraceStep[] = steps
    .map(({ attempts, ...step }) => ({
      ...step,
      offset_ms: offset(step.at),
      ...(attempts ? { attempts: attempts.map((a) => ({ ...a, offset_ms: offset(a.at) })) } : {}),
    }))
    .sort(
      (a, b) =>
        a.offset_ms - b.offset_ms ||
        STEP_KINDS.indexOf(a.kind) - STEP_KINDS.indexOf(b.kind) ||
        (a.id ?? '').localeCompare(b.id ?? ''),
    );
  return {
    request_id: traced.requestId,
    request: traced.request && {
      method: traced.request.method,
      path: traced.request.path,
      status: traced.request.status,
      duration_ms: traced.request.durationMs,
      user_id: traced.request.userId,
      started_at: traced.request.startedAt,
    },
    started_at: start,
    duration_ms: Math.max(0, ...timeline.map((s) => s.offset_ms + (s.duration_ms ?? 0))),
    followed: traced.followed,
    steps: timeline,
  };
}

function blank(kind: Step['kind'], name: string, at: string, requestId: string | null): Step {
  return {
    kind,
    name,
    id: null,
    event_id: null,
    about: null,
    request_id: requestId,
    at,
    duration_ms: null,
    status: null,
  };
}

function requestStep({ request, requestId }: Traced): Step[] {
  if (!request) return [];
  return [
    {
      ...blank('request', `${request.method} ${request.path}`, request.startedAt, requestId),
      about: request.userId,
      duration_ms: request.durationMs,
      status: String(request.status),
    },
  ];
}

/** Each thing's runs: a start event opens one (unless one is open), its next end event closes it. */
function runSteps(events: EventRow[]): Step[] {
  const steps: Step[] = [];
  for (const run of RUNS) {
    const open = new Map<string, { event: EventRow; step: Step }>();
    for (const event of events) {
      const id = event.data[run.key];
      if (typeof id !== 'string') continue;
      if ((run.starts as readonly string[]).includes(event.type) && !open.has(id)) {
        const step = { ...blank('run', run.name, event.createdAt, event.requestId), id, event_id: event.id };
        open.set(id, { event, step: { ...step, status: 'running' } });
      } else if ((run.ends as readonly string[]).includes(event.type)) {
        const started = open.get(id);
        if (!started) continue;
        open.delete(id);
        steps.push({
          ...started.step,
          duration_ms: ms(event.createdAt) - ms(started.event.createdAt),
          status: event.type.slice(event.type.indexOf('.') + 1),
        });
      }
    }
    steps.push(...[...open.values()].map((o) => o.step));
  }
  return steps;
}

/** A handler's row is written when it finished: it started its duration earlier. */
function handlerSteps({ events, handlers }: Traced): Step[] {
  const requestOf = new Map(events.map((e) => [e.id, e.requestId]));
  return handlers.map((h) => ({
    ...blank(
      'handler',
      h.handler,
      shift(h.createdAt, -(h.durationMs ?? 0)),
      requestOf.get(h.eventId) ?? null,
    ),
    event_id: h.eventId,
    duration_ms: h.durationMs,
  }));
}

function deliverySteps({ deliveries, attempts }: Traced): Step[] {
  return deliveries.map((d) => {
    const own = attempts
      .filter((a) => a.deliveryId === d.id)
      .sort((a, b) => a.attempt - b.attempt)
      .map((a) => ({
        attempt: a.attempt,
        at: a.createdAt,
        duration_ms: a.durationMs,
        status_code: a.statusCode,
        succeeded: a.succeeded,
      }));
    const last = own.at(-1);
    const finished = (d.status === 'succeeded' || d.status === 'failed') && last;
    return {
      ...blank('webhook_delivery', d.eventType, d.createdAt, d.requestId),
      id: d.id,
      event_id: d.eventId,
      about: d.endpointId,
      status: d.status,
      duration_ms: finished ? ms(last.at) + last.duration_ms - ms(d.createdAt) : null,
      attempts: own,
    };
  });
}
