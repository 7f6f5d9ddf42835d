// The Worker as production runs it, with its D1 binding wrapped to count the statements (and round trips) each kind
// of work issues — per HTTP route, queue and cron — read at GET /v1/__bench/d1. Started only by ./run.ts (as the
// entry of its own `wrangler dev`), never deployed. Durable Objects get the plain binding: their statements are not
// counted (the circuit breaker's mirror is the only one writing D1, and crawls do not use it).
import worker from '../../src/index';

export { CircuitBreaker, EngagementRoom, McpSessionStream, ReminderTimer } from '../../src/index';

export interface D1Tally {
  statements: number;
  roundTrips: number;
}

const tallies = new Map<string, D1Tally>();
/** The real statement behind each counting wrapper, for `batch()`. */
const unwrapped = new WeakMap<object, D1PreparedStatement>();

function tally(label: string, statements: number) {
  const entry = tallies.get(label) ?? { statements: 0, roundTrips: 0 };
  entry.statements += statements;
  entry.roundTrips += 1;
  tallies.set(label, entry);
}

function countingStatement(statement: D1PreparedStatement, label: string): D1PreparedStatement {
  const wrapper = {
    bind: (...values: unknown[]) => countingStatement(statement.bind(...values), label),
    first: (column?: string) => {
      tally(label, 1);
      return column === undefined ? statement.first() : statement.first(column);
    },
    run: () => {
      tally(label, 1);
      return statement.run();
    },
    all: () => {
      tally(label, 1);
      return statement.all();
    },
    raw: (options?: { columnNames?: boolean }) => {
      tally(label, 1);
      return options?.columnNames ? statement.raw({ columnNames: true }) : statement.raw();
    },
  };
  unwrapped.set(wrapper, statement);
  return wrapper as unknown as D1PreparedStatement;
}

function countingD1(db: D1Database, label: string): D1Database {
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return (query: string) => countingStatement(target.prepare(query), label);
      if (property === 'batch')
        return (statements: D1PreparedStatement[]) => {
          tally(label, statements.length);
          return target.batch(statements.map((s) => unwrapped.get(s) ?? s));
        };
      if (property === 'exec')
        return (query: string) => {
          tally(label, query.split(';').filter((s) => s.trim() !== '').length);
          return target.exec(query);
        };
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const withCountingD1 = (env: Env, label: string): Env => ({ ...env, DB: countingD1(env.DB, label) });
/** `GET /v1/extraction-batches/ebt_…/rows` → `GET /v1/extraction-batches/:id/rows`. */
const routeOf = (request: Request) =>
  `${request.method} ${new URL(request.url).pathname.replace(/\/[a-z]+_[0-9A-Za-z]{20,}/g, '/:id')}`;

export default {
  fetch(request, env, ctx) {
    if (new URL(request.url).pathname === '/v1/__bench/d1') return Response.json(Object.fromEntries(tallies));
    return worker.fetch(request, withCountingD1(env, `fetch ${routeOf(request)}`), ctx);
  },
  queue: (batch, env) => worker.queue(batch, withCountingD1(env, `queue ${batch.queue}`)),
  scheduled: (controller, env) =>
    worker.scheduled(controller, withCountingD1(env, `cron ${controller.cron}`)),
} satisfies ExportedHandler<Env>;
