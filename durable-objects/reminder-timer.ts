// ReminderTimer: one Durable Object per thing that may wait too long (a task in review, an engagement
// request). It keeps that thing's planned reminders in its own storage and sleeps on an alarm until the next
// is due: waiting costs nothing, and survives restarts and deploys (storage and alarms are durable); there is
// no polling loop. Whether a reminder is still wanted, and what it does, is decided from D1 when it is due
// (modules/reminders/fire.ts), so cancelling here saves work but is never needed for correctness.
import { DurableObject } from 'cloudflare:workers';
import { log } from '../src/lib/logger';
import { fireReminder } from '../src/modules/reminders/fire';
import { isReminderKind, type ReminderStep, type ReminderSubject } from '../src/modules/reminders/plan';

/** A reminder that could not be sent (D1 or the relay failing) is tried again this much later. */
const RETRY_MS = 5 * 60_000;

type StepRow = { kind: string; due_at: number; subject: string; attempts: number };

export class ReminderTimer extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS steps (
        kind TEXT PRIMARY KEY, due_at INTEGER NOT NULL, subject TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0)`);
    });
  }

  /**
   * Plans the subject's reminders. A step already planned for the same wait keeps its time (a redelivered
   * event changes nothing); a new wait of the subject (another `since`) replaces it.
   */
  async schedule(subject: ReminderSubject, steps: ReminderStep[]): Promise<void> {
    const json = JSON.stringify(subject);
    for (const step of steps) {
      this.ctx.storage.sql.exec(
        `INSERT INTO steps (kind, due_at, subject) VALUES (?, ?, ?)
         ON CONFLICT (kind) DO UPDATE SET due_at = excluded.due_at, subject = excluded.subject, attempts = 0
         WHERE steps.subject <> excluded.subject`,
        step.kind,
        step.dueAt,
        json,
      );
    }
    await this.rearm();
  }

  /**
   * The wait that began before `endedBy` (the id of the event that ended it: reviewed, answered…) is over.
   * Event ids are ordered by time, so a cancel that arrives after a newer wait was planned (events handled
   * out of order) leaves that newer wait's steps alone.
   */
  async cancel(endedBy: string): Promise<void> {
    this.ctx.storage.sql.exec("DELETE FROM steps WHERE json_extract(subject, '$.since') < ?", endedBy);
    await this.rearm();
  }

  /** What is planned, soonest first, and when the alarm will ring. */
  async pending(): Promise<{ steps: { kind: string; due_at: number }[]; alarm: number | null }> {
    const steps = this.ctx.storage.sql
      .exec<StepRow>('SELECT kind, due_at FROM steps ORDER BY due_at')
      .toArray()
      .map((row) => ({ kind: row.kind, due_at: row.due_at }));
    return { steps, alarm: await this.ctx.storage.getAlarm() };
  }

  override async alarm(): Promise<void> {
    await this.runDue(Date.now());
  }

  /** Sends every reminder due at `now`, then sleeps until the next one. */
  async runDue(now: number): Promise<void> {
    const due = this.ctx.storage.sql
      .exec<StepRow>('SELECT * FROM steps WHERE due_at <= ? ORDER BY due_at', now)
      .toArray();
    for (const step of due) {
      try {
        if (isReminderKind(step.kind)) {
          await fireReminder(this.env, JSON.parse(step.subject) as ReminderSubject, step.kind);
        }
        this.ctx.storage.sql.exec('DELETE FROM steps WHERE kind = ?', step.kind);
      } catch (error) {
        log.error('reminder failed, trying again later', {
          kind: step.kind,
          subject: step.subject,
          attempts: step.attempts + 1,
          error: error instanceof Error ? error.message : String(error),
        });
        this.ctx.storage.sql.exec(
          'UPDATE steps SET due_at = ?, attempts = attempts + 1 WHERE kind = ?',
          now + RETRY_MS,
          step.kind,
        );
      }
    }
    await this.rearm();
  }

  private async rearm(): Promise<void> {
    const next = this.ctx.storage.sql
      .exec<{ due_at: number | null }>('SELECT min(due_at) AS due_at FROM steps')
      .one().due_at;
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }
}
