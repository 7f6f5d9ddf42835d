// Sends to many recipients at once (an admin's bulk send, the weekly summary). The job and every message
// of it are written to D1 first (each message as its email_logs row, queued, keyed by its cause); then the
// emails queue sends them one provider batch call (≤ 100 messages) per chunk, paced at CALLS_PER_SECOND.
// A chunk sends only its rows still queued and marks them in one statement, so a redelivered or retried
// chunk sends nothing twice; the provider call's idempotency key (job + chunk) covers a crash between the
// call and that statement. The sweep re-sends chunks whose message got lost.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { EmailChunkMessage } from '../../../queues/messages';
import type { Db } from '../../db/client';
import { type EmailJob, emailJobs, emailLogs, events } from '../../db/schema';
import { chunks } from '../../lib/chunks';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { field, idIn, insertJsonRows, JSON_ROWS_CHUNK, valueFor } from '../../lib/json-rows';
import { log } from '../../lib/logger';
import { afterCursor, type ListQuery, toPage } from '../../lib/pagination';
import { BATCH_LIMIT, ResendError } from './providers';
import { type EmailRequest, emailLogRow, providerFor } from './service';
import type { TemplateName } from './templates';

/** Resend's default rate limit is 2 requests per second per team. */
export const CALLS_PER_SECOND = 2;
/** A queued chunk untouched for this long lost its message: the sweep sends it again. */
const STRANDED_MS = 10 * 60_000;
/** Queue messages per sendBatch call (the Queues limit). */
const MESSAGES_PER_SEND = 100;

export interface EmailJobStart {
  kind: EmailJob['kind'];
  template: TemplateName;
  /** One job per cause: starting the same cause again returns the first job and sends nothing. */
  cause: string;
  /** What the job sends, for the admin list (a bulk send's subject, "Weekly summary 2026-W48"). */
  subject: string;
  createdBy: string | null;
  messages: EmailRequest[];
}

/** Writes the job with all its messages, then queues its chunks. */
export async function startEmailJob(env: Env, db: Db, start: EmailJobStart) {
  const written = await writeEmailJob(env, db, start);
  if (written.created) await enqueueChunks(env, written.job.id, range(written.job.chunks));
  return written;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The job and all its messages in one D1 batch; `created: false` when its cause already had a job. */
export async function writeEmailJob(env: Env, db: Db, start: EmailJobStart) {
  const provider = providerFor(env);
  const existing = await db.query.emailJobs.findFirst({ where: eq(emailJobs.cause, start.cause) });
  if (existing) return { job: existing, created: false };

  const id = newId('emailJob');
  const rows = await Promise.all(
    start.messages.map((message, i) =>
      emailLogRow(env, provider, message, { id, chunk: Math.floor(i / BATCH_LIMIT) }),
    ),
  );
  const job = {
    id,
    kind: start.kind,
    template: start.template,
    cause: start.cause,
    subject: start.subject,
    total: rows.length,
    chunks: Math.ceil(rows.length / BATCH_LIMIT),
    createdBy: start.createdBy,
    createdAt: new Date().toISOString(),
    completedAt: rows.length === 0 ? new Date().toISOString() : null,
  };
  // The messages are written only with the job row this batch inserted (a concurrent start of the same
  // cause loses on the unique cause and writes nothing); a message whose cause was already sent is skipped.
  const ownJob = sql`EXISTS (SELECT 1 FROM email_jobs WHERE id = ${id})`;
  await db.batch([
    db.insert(emailJobs).values(job).onConflictDoNothing(),
    ...chunks(rows, JSON_ROWS_CHUNK).map((part) =>
      insertJsonRows(db, emailLogs, part, ownJob).onConflictDoNothing(),
    ),
  ]);
  const stored = await db.query.emailJobs.findFirst({ where: eq(emailJobs.cause, start.cause) });
  if (!stored) throw new Error('email job vanished');
  return { job: stored, created: stored.id === id };
}

/** Queues chunks paced at CALLS_PER_SECOND by delivery delay (no sleeping in a Worker). */
async function enqueueChunks(env: Env, jobId: string, chunkNumbers: number[]) {
  const messages = chunkNumbers.map((chunk, i) => ({
    body: { job_id: jobId, chunk } satisfies EmailChunkMessage,
    contentType: 'json' as const,
    delaySeconds: Math.floor(i / CALLS_PER_SECOND),
  }));
  for (const part of chunks(messages, MESSAGES_PER_SEND)) await env.EMAILS_QUEUE.sendBatch(part);
}

/** Sends one chunk's queued messages in one provider call and records each outcome once. */
export async function sendEmailChunk(env: Env, db: Db, message: EmailChunkMessage) {
  const rows = await db
    .select()
    .from(emailLogs)
    .where(
      and(
        eq(emailLogs.jobId, message.job_id),
        eq(emailLogs.jobChunk, message.chunk),
        eq(emailLogs.status, 'queued'),
      ),
    )
    .orderBy(asc(emailLogs.id));
  if (rows.length > 0) {
    const provider = providerFor(env);
    const outcomes = await provider.sendBatch(rows, `${message.job_id}/${message.chunk}`);
    const now = new Date().toISOString();
    const results = rows.map((row, i) => {
      const outcome = outcomes[i] ?? { error: 'The provider did not answer for this message' };
      return 'providerId' in outcome
        ? { id: row.id, status: 'sent', provider_id: outcome.providerId, error: null }
        : { id: row.id, status: 'failed', provider_id: null, error: outcome.error };
    });
    const payload = JSON.stringify(results);
    const sent = rows.filter((_, i) => results[i]?.status === 'sent');
    await db.batch([
      db
        .update(emailLogs)
        .set({
          status: valueFor(payload, 'status', emailLogs.id),
          providerId: valueFor(payload, 'provider_id', emailLogs.id),
          error: valueFor(payload, 'error', emailLogs.id),
          updatedAt: now,
        })
        .where(and(idIn(payload, emailLogs.id), eq(emailLogs.status, 'queued'))),
      // One `email.sent` per message: the event's id is derived from the message's, so a chunk sent twice
      // concurrently records it once.
      ...chunks(sent, JSON_ROWS_CHUNK).map((part) =>
        insertJsonRows(
          db,
          events,
          part.map((row) => ({
            id: `evt_${row.id.slice(row.id.indexOf('_') + 1)}`,
            type: 'email.sent',
            data: {
              email_id: row.id,
              template: row.template,
              to: row.to,
              provider: row.provider,
              job_id: row.jobId,
            },
            createdAt: now,
            guardEmailId: row.id, // not a column: read by the guard only
          })),
          sql`EXISTS (SELECT 1 FROM email_logs WHERE id = ${field('guardEmailId')} AND status = 'sent')`,
        ).onConflictDoNothing(),
      ),
    ]);
  }
  await completeIfDone(db, message.job_id);
}

/** The job is complete once none of its messages is queued. */
async function completeIfDone(db: Db, jobId: string) {
  await db
    .update(emailJobs)
    .set({ completedAt: new Date().toISOString() })
    .where(
      and(
        eq(emailJobs.id, jobId),
        isNull(emailJobs.completedAt),
        sql`NOT EXISTS (SELECT 1 FROM email_logs WHERE job_id = ${jobId} AND status = 'queued')`,
      ),
    );
}

/** Consumer of the emails queue: each message is one chunk; a failed call is retried after a pause. */
export async function processEmailBatch(env: Env, db: Db, batch: MessageBatch<EmailChunkMessage>) {
  for (const message of batch.messages) {
    const body = message.body; // read with the queue's schema by the registry's dispatch
    try {
      await sendEmailChunk(env, db, { job_id: body.job_id, chunk: body.chunk });
      message.ack();
    } catch (error) {
      // Over the provider's rate: back off briefly; anything else (breaker open, outage): longer.
      const limited = error instanceof ResendError && error.code === 'rate_limit_exceeded';
      log.warn('email chunk failed; retrying', { ...body, error: String(error) });
      message.retry({ delaySeconds: limited ? 2 : 30 * message.attempts });
    }
  }
}

/** Chunks still queued long after their job started lost their message (a crash before enqueueing). */
export async function recoverEmailJobs(env: Env, db: Db) {
  const cutoff = new Date(Date.now() - STRANDED_MS).toISOString();
  const stranded = await db
    .selectDistinct({ jobId: emailLogs.jobId, chunk: emailLogs.jobChunk })
    .from(emailLogs)
    .innerJoin(emailJobs, eq(emailJobs.id, emailLogs.jobId))
    .where(
      and(isNull(emailJobs.completedAt), eq(emailLogs.status, 'queued'), lt(emailLogs.updatedAt, cutoff)),
    )
    .limit(1000);
  const byJob = new Map<string, number[]>();
  for (const { jobId, chunk } of stranded) {
    if (jobId === null || chunk === null) continue;
    byJob.set(jobId, [...(byJob.get(jobId) ?? []), chunk]);
  }
  for (const [jobId, chunkNumbers] of byJob) await enqueueChunks(env, jobId, chunkNumbers);
  return stranded.length;
}

/** Messages of bulk sends and summaries still waiting to go out. */
export async function emailJobBacklog(db: Db) {
  const [row] = await db
    .select({ n: count() })
    .from(emailLogs)
    .where(and(isNotNull(emailLogs.jobId), eq(emailLogs.status, 'queued')));
  return row?.n ?? 0;
}

/** Messages per job and status, for the given jobs, in one grouped query. */
async function statusCounts(db: Db, jobIds: string[]) {
  if (jobIds.length === 0) return new Map<string, Record<string, number>>();
  const rows = await db
    .select({ jobId: emailLogs.jobId, status: emailLogs.status, n: count() })
    .from(emailLogs)
    .where(inArray(emailLogs.jobId, jobIds))
    .groupBy(emailLogs.jobId, emailLogs.status);
  const byJob = new Map<string, Record<string, number>>();
  for (const row of rows) {
    if (!row.jobId) continue;
    byJob.set(row.jobId, { ...byJob.get(row.jobId), [row.status]: row.n });
  }
  return byJob;
}

/** A job with its progress, counted from its messages. */
function emailJobView(job: EmailJob, by: Record<string, number> = {}) {
  const queued = by.queued ?? 0;
  const failed = by.failed ?? 0;
  // Delivered, bounced, opened: all were handed to the provider.
  const sent = Object.values(by).reduce((sum, n) => sum + n, 0) - queued - failed;
  return {
    id: job.id,
    kind: job.kind,
    template: job.template,
    subject: job.subject,
    status: job.completedAt ? ('completed' as const) : ('sending' as const),
    total: job.total,
    queued,
    sent,
    failed,
    created_by: job.createdBy,
    created_at: job.createdAt,
    completed_at: job.completedAt,
  };
}

/** One job's view (its counts in one query). */
export async function jobView(db: Db, job: EmailJob) {
  return emailJobView(job, (await statusCounts(db, [job.id])).get(job.id));
}

export async function emailJobViews(db: Db, jobs: EmailJob[]) {
  const counts = await statusCounts(
    db,
    jobs.map((job) => job.id),
  );
  return jobs.map((job) => emailJobView(job, counts.get(job.id)));
}

export async function getEmailJob(db: Db, id: string) {
  const job = await db.query.emailJobs.findFirst({ where: eq(emailJobs.id, id) });
  if (!job) throw notFound('Email job');
  return jobView(db, job);
}

export async function listEmailJobs(db: Db, query: ListQuery) {
  const rows = await db
    .select()
    .from(emailJobs)
    .where(afterCursor(emailJobs.id, query.cursor))
    .orderBy(desc(emailJobs.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (row) => row);
  return {
    data: await emailJobViews(db, page.data),
    next_cursor: page.next_cursor,
  };
}
