// CircuitBreaker: one Durable Object per external dependency (`stripe`, `resend`, `ai`, `webhook:<host>`).
// closed → open after FAILURE_THRESHOLD consecutive failures → half-open once the cool-down has passed (one
// trial call at a time) → closed on that call's success, open again on its failure. State lives in the
// object's SQLite; each change is mirrored to D1 (`breaker_states`) for the admin view, and each opening is
// recorded there too (`breaker_openings`, in the same batch) for the hourly metrics.
import { DurableObject } from 'cloudflare:workers';
import { DEFAULT_COOLDOWN_MS, FAILURE_THRESHOLD } from './breaker-config';

/** A half-open trial that never reports back frees the slot after this long. */
const TRIAL_TIMEOUT_MS = 30_000;

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerStatus {
  name: string;
  state: BreakerState;
  failures: number;
  opened_at: string | null;
  last_error: string | null;
  /** How long callers should wait before trying again (0 when a call may go ahead). */
  retry_after_ms: number;
}

interface Row {
  name: string;
  state: BreakerState;
  failures: number;
  opened_at: number | null;
  trial_started_at: number | null;
  cooldown_ms: number;
  last_error: string | null;
}

export class CircuitBreaker extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS breaker (
        id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, state TEXT NOT NULL, failures INTEGER NOT NULL,
        opened_at INTEGER, trial_started_at INTEGER, cooldown_ms INTEGER NOT NULL, last_error TEXT)`);
    });
  }

  /** May a call go ahead now? Moves open → half-open when the cool-down has passed, admitting one trial. */
  async acquire(name: string, cooldownMs?: number, now = Date.now()): Promise<BreakerStatus> {
    const row = this.load(name, cooldownMs);
    if (row.state === 'open' && now - (row.opened_at ?? now) >= row.cooldown_ms) {
      row.state = 'half_open';
      row.trial_started_at = now;
      await this.save(row);
      return this.status(row, now, true);
    }
    if (row.state === 'half_open') {
      const trialRunning = row.trial_started_at !== null && now - row.trial_started_at < TRIAL_TIMEOUT_MS;
      if (!trialRunning) {
        row.trial_started_at = now;
        await this.save(row);
        return this.status(row, now, true);
      }
    }
    return this.status(row, now, row.state === 'closed');
  }

  async recordSuccess(name: string, now = Date.now()): Promise<BreakerStatus> {
    const row = this.load(name);
    const changed = row.state !== 'closed' || row.failures !== 0;
    Object.assign(row, { state: 'closed', failures: 0, opened_at: null, trial_started_at: null });
    if (changed) await this.save(row);
    return this.status(row, now, true);
  }

  /** `cooldownMs` is the caller's configuration, stored with the opening so `inspect` reports it too. */
  async recordFailure(
    name: string,
    error: string,
    now = Date.now(),
    cooldownMs?: number,
  ): Promise<BreakerStatus> {
    const row = this.load(name, cooldownMs);
    row.failures += 1;
    row.last_error = error.slice(0, 500);
    // Calls already in flight when it opened must not keep pushing the reopening back.
    const opens = row.state === 'half_open' || (row.state === 'closed' && row.failures >= FAILURE_THRESHOLD);
    if (opens) Object.assign(row, { state: 'open', opened_at: now, trial_started_at: null });
    await this.save(row, opens);
    return this.status(row, now, row.state === 'closed');
  }

  async inspect(name: string, now = Date.now()): Promise<BreakerStatus> {
    const row = this.load(name);
    return this.status(row, now, row.state === 'closed');
  }

  /** Health probe over RPC. */
  async ping(): Promise<'pong'> {
    return 'pong';
  }

  /** The stored state; `cooldownMs`, when given, is the caller's current configuration and wins. */
  private load(name: string, cooldownMs?: number): Row {
    const [row] = this.ctx.storage.sql
      .exec<Row & Record<string, SqlStorageValue>>('SELECT * FROM breaker WHERE id = 1')
      .toArray();
    const base: Row = row
      ? { ...row }
      : {
          name,
          state: 'closed',
          failures: 0,
          opened_at: null,
          trial_started_at: null,
          cooldown_ms: DEFAULT_COOLDOWN_MS,
          last_error: null,
        };
    if (cooldownMs !== undefined) base.cooldown_ms = cooldownMs;
    return base;
  }

  /** `opened`: this change opened the breaker, which is also recorded for the metrics (`breaker_openings`). */
  private async save(row: Row, opened = false) {
    this.ctx.storage.sql.exec(
      `INSERT INTO breaker (id, name, state, failures, opened_at, trial_started_at, cooldown_ms, last_error)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, failures = excluded.failures, opened_at = excluded.opened_at,
         trial_started_at = excluded.trial_started_at, cooldown_ms = excluded.cooldown_ms, last_error = excluded.last_error`,
      row.name,
      row.state,
      row.failures,
      row.opened_at,
      row.trial_started_at,
      row.cooldown_ms,
      row.last_error,
    );
    // Best effort: the admin view may lag, the breaker itself never does. An opening rides in the same batch.
    const openedAt = row.opened_at === null ? null : new Date(row.opened_at).toISOString();
    try {
      const mirror = this.env.DB.prepare(
        `INSERT INTO breaker_states (name, state, failures, opened_at, last_error, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET state = excluded.state, failures = excluded.failures,
           opened_at = excluded.opened_at, last_error = excluded.last_error, updated_at = excluded.updated_at`,
      ).bind(row.name, row.state, row.failures, openedAt, row.last_error, new Date().toISOString());
      if (!opened || !openedAt) await mirror.run();
      else
        await this.env.DB.batch([
          mirror,
          this.env.DB.prepare(
            'INSERT INTO breaker_openings (name, opened_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
          ).bind(row.name, openedAt),
        ]);
    } catch {
      // D1 unavailable: the next state change writes the state again (an opening lost here goes uncounted).
    }
  }

  private status(row: Row, now: number, allowed: boolean): BreakerStatus {
    const reopensAt = (row.opened_at ?? now) + row.cooldown_ms;
    const retryAfter = allowed
      ? 0
      : row.state === 'open'
        ? Math.max(reopensAt - now, 1000)
        : TRIAL_TIMEOUT_MS;
    return {
      name: row.name,
      state: row.state,
      failures: row.failures,
      opened_at: row.opened_at === null ? null : new Date(row.opened_at).toISOString(),
      last_error: row.last_error,
      retry_after_ms: retryAfter,
    };
  }
}
