// Operator views: queue backlogs and dead letters (with redrive), circuit breakers, and sent emails.
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { DEFAULT_COOLDOWN_MS } from '../../../durable-objects/breaker-config';
import { QUEUE_SPECS, queueSpec } from '../../../queues/registry';
import type { Db } from '../../db/client';
import { breakerStates, deadLetters, type EmailLog, emailLogs, users } from '../../db/schema';
import { conflict, notFound } from '../../lib/errors';
import { secondsSince } from '../../lib/pages';
import { afterCursor, type ListQuery, toPage } from '../../lib/pagination';
import { type Actor, recordAudit } from '../audit/record';
import { type BulkSend, startBulkSend } from '../email/bulk';
import { aboutDeadLetters, type DeadLetterAbout } from './dead-letter-about';

type DeadLetter = typeof deadLetters.$inferSelect;

function toDeadLetterView(row: DeadLetter, about: DeadLetterAbout) {
  return {
    id: row.id,
    queue: row.queue,
    message_id: row.messageId,
    body: row.body,
    about,
    attempts: row.attempts,
    created_at: row.createdAt,
    redriven_at: row.redrivenAt,
  };
}

/**
 * Each queue of the registry with what its spec knows: its backlog (what is known to be waiting: queued
 * tasks, events not yet relayed …; null where the queue does not say) and its oldest stranded item.
 */
export async function queueOverview(env: Env, db: Db) {
  const dead = await db
    .select({ queue: deadLetters.queue, n: count() })
    .from(deadLetters)
    .where(isNull(deadLetters.redrivenAt))
    .groupBy(deadLetters.queue);
  const deadBy = new Map(dead.map((row) => [row.queue, row.n]));
  const data = await Promise.all(
    QUEUE_SPECS.map(async (spec) => ({
      queue: spec.name,
      backlog: (await spec.backlog?.(env, db)) ?? null,
      dead_letters: deadBy.get(spec.name) ?? 0,
      // How long the longest-stranded item has waited (a stuck run or a lost message): the sweep recovers all
      // of them every 5 minutes, so a figure far above 15 minutes means recovery itself is failing.
      oldest_stranded_seconds: secondsSince((await spec.oldestStranded?.(db)) ?? null),
    })),
  );
  return { data };
}

export async function listDeadLetters(db: Db, query: ListQuery & { queue?: string }) {
  const rows = await db
    .select()
    .from(deadLetters)
    .where(
      and(
        query.queue ? eq(deadLetters.queue, query.queue) : undefined,
        afterCursor(deadLetters.id, query.cursor),
      ),
    )
    .orderBy(desc(deadLetters.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (row) => row);
  const about = await aboutDeadLetters(
    db,
    page.data.map((row) => row.body),
  );
  return { ...page, data: page.data.map((row, i) => toDeadLetterView(row, about[i] ?? null)) };
}

/**
 * Sends a dead letter's body back to its queue, once: a second redrive of the same letter is a 409. Audited
 * once the message is back on its queue (a claim whose send failed is released and records nothing).
 */
export async function redriveDeadLetter(env: Env, db: Db, actor: Actor, id: string) {
  const existing = await db.query.deadLetters.findFirst({ where: eq(deadLetters.id, id) });
  if (!existing) throw notFound('Dead letter');
  const spec = queueSpec(existing.queue);
  if (!spec) throw conflict(`Queue ${existing.queue} cannot be redriven`);
  const [claimed] = await db
    .update(deadLetters)
    .set({ redrivenAt: new Date().toISOString() })
    .where(and(eq(deadLetters.id, id), isNull(deadLetters.redrivenAt)))
    .returning();
  if (!claimed) throw conflict('This dead letter was already redriven');
  try {
    // The queue's own redrive resets the work first (a task goes back through its priority's queue).
    const sent = (await spec.onRedrive?.(env, db, claimed.body)) ?? false;
    if (!sent) await spec.producer(env).send(claimed.body, { contentType: 'json' });
  } catch (error) {
    await db.update(deadLetters).set({ redrivenAt: null }).where(eq(deadLetters.id, id));
    throw error;
  }
  const [about = null] = await aboutDeadLetters(db, [claimed.body]);
  await recordAudit(db, actor, {
    action: 'dead_letter.redrive',
    targetId: claimed.id,
    details: { queue: claimed.queue, about },
  });
  return toDeadLetterView(claimed, about);
}

/** An admin's bulk email (email/bulk.ts), audited once its job and messages are written and queued. */
export async function sendBulkEmail(env: Env, db: Db, actor: Actor, request: BulkSend) {
  const job = await startBulkSend(env, db, request, actor.userId);
  await recordAudit(db, actor, {
    action: 'email.bulk_send',
    targetId: job.id,
    details: { subject: job.subject, recipients: job.total },
  });
  return job;
}

const KNOWN_BREAKERS = ['stripe', 'resend', 'ai'];

/** Breaker states; an open one says when it lets a trial call through (opened + the configured cool-down). */
export async function listBreakers(db: Db, cooldown = DEFAULT_COOLDOWN_MS) {
  const rows = await db.select().from(breakerStates).orderBy(breakerStates.name);
  const seen = new Set(rows.map((row) => row.name));
  const views = rows.map((row) => ({
    name: row.name,
    state: row.state,
    failures: row.failures,
    opened_at: row.openedAt,
    next_trial_at:
      row.state === 'open' && row.openedAt
        ? new Date(Date.parse(row.openedAt) + cooldown).toISOString()
        : null,
    last_error: row.lastError,
    updated_at: row.updatedAt as string | null,
  }));
  for (const name of KNOWN_BREAKERS) {
    if (!seen.has(name)) {
      views.push({
        name,
        state: 'closed',
        failures: 0,
        opened_at: null,
        next_trial_at: null,
        last_error: null,
        updated_at: null,
      });
    }
  }
  return { data: views.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** The recipient's name when the address belongs to an account (users.email is stored in lower case). */
const recipientName = { toName: users.name };
const recipientJoin = eq(users.email, sql`lower(${emailLogs.to})`);

export function toEmailView(row: EmailLog & { toName?: string | null }, full = false) {
  return {
    id: row.id,
    template: row.template,
    to: row.to,
    to_name: row.toName ?? null,
    from: row.from,
    subject: row.subject,
    provider: row.provider,
    provider_id: row.providerId,
    status: row.status,
    error: row.error,
    opened_at: row.openedAt,
    clicked_at: row.clickedAt,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    ...(full ? { html: row.html, text: row.text } : {}),
  };
}

export async function listEmails(db: Db, query: ListQuery & { to?: string }) {
  const rows = await db
    .select({ email: emailLogs, ...recipientName })
    .from(emailLogs)
    .leftJoin(users, recipientJoin)
    .where(
      and(
        query.to ? eq(sql`lower(${emailLogs.to})`, query.to.toLowerCase()) : undefined,
        afterCursor(emailLogs.id, query.cursor),
      ),
    )
    .orderBy(desc(emailLogs.id))
    .limit(query.limit + 1);
  return toPage(
    rows.map((row) => ({ ...row.email, toName: row.toName })),
    query.limit,
    (row) => toEmailView(row),
  );
}

export async function getEmail(db: Db, id: string) {
  const [row] = await db
    .select({ email: emailLogs, ...recipientName })
    .from(emailLogs)
    .leftJoin(users, recipientJoin)
    .where(eq(emailLogs.id, id));
  if (!row) throw notFound('Email');
  return toEmailView({ ...row.email, toName: row.toName }, true);
}
