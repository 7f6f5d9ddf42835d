// Processing tasks: queued → in_progress → completed | needs_review, each step a guarded transition, so a
// redelivered message or a second worker never runs a finished task again or records a second result.
// A queue batch's tasks are read, started and finished together — one D1 round trip per step for the whole
// batch rather than per task — because round trips, not the engine, bound the throughput.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { engagements, files, type Task, tasks } from '../../db/schema';
import { chunks, IDS_PER_STATEMENT } from '../../lib/chunks';
import { inRequest } from '../../lib/request-context';
import { OcrUnavailableError, ocrFor } from '../ai/ocr';
import { taskTypeOf } from '../ai/registry';
import { runTaskType } from '../ai/run';
import { documentFromBytes, documentFromText } from '../ai/text';
import type { Check, DocumentText, Fingerprint } from '../ai/types';
import { chargeExtraPages } from '../credits/service';
import { UnusableUrlError } from '../extractions/task-link';
import { DEFAULT_REVIEW_THRESHOLD, planFinish, type RunOutput } from './finish';
import {
  duplicateCheck,
  findDuplicates,
  hintsUsed,
  loadHints,
  orgsWithHints,
  rememberFingerprint,
} from './memory';
import { applyTransitions, planTransition, type TransitionPlan, transitionTask } from './transition';

/** A failure no retry can mend (unknown type, missing or unreadable document): fail now, don't retry. */
export class PermanentTaskError extends Error {
  override name = 'PermanentTaskError';
  /** `input`: the task's own document or input is the cause (it keeps its credits); `platform`: ours. */
  constructor(
    message: string,
    readonly fault: TaskFault = 'platform',
  ) {
    super(message);
  }
}

export type TaskFault = 'input' | 'platform';

/** `waiting`: a job-backed task (LEADS) started its job, which will finish the task. */
export type ProcessOutcome = 'completed' | 'needs_review' | 'waiting' | 'skipped';
export type RunResult = { ok: true; outcome: ProcessOutcome } | { ok: false; error: unknown };

export interface TaskRun {
  taskId: string;
  /** False on a message's last attempt: the embedded engine only, so a model outage cannot fail the task. */
  allowAi: boolean;
  /** The API request that queued it: what the run records and sends is on its behalf (request-context). */
  requestId?: string | null;
}

/** Runs `fn` on behalf of the request that queued `task` (a batch mixes tasks of many requests). */
type OnBehalf = <T>(task: Task, fn: () => T) => T;

/**
 * Tasks run side by side, but only a few at once: each holds its document in memory (an RFP may be 50 MB),
 * and the isolate has 128 MB.
 */
const CONCURRENT_RUNS = 3;

const OCR_DOWN = 'no text layer; OCR unavailable after retries';

/** Processes one task; throws what its run threw. */
export async function processTask(
  env: Env,
  taskId: string,
  options: { allowAi?: boolean } = {},
): Promise<ProcessOutcome> {
  const result = (await processTasks(env, [{ taskId, allowAi: options.allowAi ?? true }])).get(taskId);
  if (!result) return 'skipped';
  if (!result.ok) throw result.error;
  return result.outcome;
}

/**
 * Processes a batch of tasks. One task failing never takes the others with it: each gets its own result
 * (keyed by task id; a task listed twice runs once). Only a failure of the shared D1 writes fails them all.
 */
export async function processTasks(env: Env, runs: TaskRun[]): Promise<Map<string, RunResult>> {
  const db = createDb(env.DB);
  const results = new Map<string, RunResult>();
  const allowAi = new Map(runs.map((run) => [run.taskId, run.allowAi]));
  const requestIds = new Map(runs.map((run) => [run.taskId, run.requestId]));
  const onBehalf: OnBehalf = (task, fn) => inRequest(requestIds.get(task.id), fn);
  const found = await loadTasks(db, [...allowAi.keys()]);
  for (const id of allowAi.keys()) if (!found.has(id)) results.set(id, skipped);

  const running = await startTasks(db, [...found.values()], results, onBehalf);
  const thresholds = await reviewThresholds(db, running);
  const teaching = await orgsWithHints(db, [...new Set(running.map((task) => task.orgId))]);
  const readings: Reading[] = [];
  const finishing: Finishing[] = [];
  const waiting = [...running];
  const worker = async () => {
    for (let task = waiting.shift(); task; task = waiting.shift()) {
      const threshold = thresholds.get(task.engagementId) ?? DEFAULT_REVIEW_THRESHOLD;
      try {
        const current = task;
        const run = await onBehalf(current, () =>
          runTask(env, db, current, threshold, allowAi.get(current.id) ?? true, teaching),
        );
        if (!run) results.set(task.id, { ok: true, outcome: 'waiting' });
        else if ('plan' in run) finishing.push(run);
        else readings.push(run);
      } catch (error) {
        results.set(task.id, { ok: false, error });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_RUNS }, worker));
  await chargeExtraPages(env, db, readings);
  finishing.push(...(await finishReadings(db, readings, onBehalf)));

  const finished = await applyTransitions(
    db,
    finishing.map((f) => f.plan),
  );
  await rememberBooked(
    db,
    finishing.filter((f, i) => f.trusted && finished[i]),
  );
  finishing.forEach(({ task, trusted }, i) => {
    // Null: another worker recorded its (identical, deterministic) result first.
    const outcome = finished[i] ? (trusted ? 'completed' : 'needs_review') : 'skipped';
    results.set(task.id, { ok: true, outcome });
  });
  return results;
}

const skipped: RunResult = { ok: true, outcome: 'skipped' };

async function loadTasks(db: Db, ids: string[]): Promise<Map<string, Task>> {
  const found = new Map<string, Task>();
  for (const part of chunks(ids, IDS_PER_STATEMENT)) {
    const rows = await db.select().from(tasks).where(inArray(tasks.id, part));
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}

/**
 * Starts the queued tasks in one batch and returns those this worker may run: the ones it started, and
 * ones already in progress (their worker died between the steps; the run is deterministic, so re-running
 * is safe and the guarded finish records one result). Finished, reviewed or failed ones are skipped.
 */
async function startTasks(
  db: Db,
  candidates: Task[],
  results: Map<string, RunResult>,
  onBehalf: OnBehalf,
): Promise<Task[]> {
  const queued = candidates.filter((task) => task.status === 'queued');
  const now = new Date().toISOString();
  const started = await applyTransitions(
    db,
    queued.map((task) =>
      onBehalf(task, () =>
        planTransition(db, task, 'start', 'system', {
          changes: { startedAt: now, attempts: task.attempts + 1 },
        }),
      ),
    ),
  );
  const running = candidates.filter((task) => task.status === 'in_progress');
  queued.forEach((task, i) => {
    const won = started[i];
    if (won) running.push(won);
    else results.set(task.id, skipped); // another worker started it
  });
  for (const task of candidates) {
    if (task.status !== 'queued' && task.status !== 'in_progress') results.set(task.id, skipped);
  }
  return running;
}

async function reviewThresholds(db: Db, running: Task[]): Promise<Map<string, number>> {
  const ids = [...new Set(running.map((task) => task.engagementId))];
  const thresholds = new Map<string, number>();
  for (const part of chunks(ids, IDS_PER_STATEMENT)) {
    const rows = await db
      .select({ id: engagements.id, threshold: engagements.reviewThreshold })
      .from(engagements)
      .where(inArray(engagements.id, part));
    for (const row of rows) thresholds.set(row.id, row.threshold);
  }
  return thresholds;
}

/** What a completed task leaves in the company's memory: its fingerprint, and the hints it used. */
interface Remember {
  fingerprint?: Fingerprint | null;
  fileSha256?: string | null;
  issuerKeys?: string[];
  learned?: string[];
}

type Finishing = { task: Task; trusted: boolean; plan: TransitionPlan } & Remember;

/** A document task's reading, before the batch's duplicate check decides how it ends. */
interface Reading {
  task: Task;
  /** Pages of the document read: what is charged beyond the module's included ones. */
  pages: number;
  threshold: number;
  run: RunOutput;
  remember: Remember;
}

/** A duplicate is held below any threshold, whatever else the reading says. */
const DUPLICATE_CAP = 50;

/**
 * Runs the module on the task's document (a reading, finished with the batch's) or, for a job-backed type
 * (LEADS), starts its job and plans the finishing transition; null means the job will finish the task.
 */
async function runTask(
  env: Env,
  db: Db,
  task: Task,
  threshold: number,
  allowAi: boolean,
  teaching: Set<string>,
): Promise<Reading | Finishing | null> {
  const definition = taskTypeOf(task.module, task.type);
  if (!definition) throw new PermanentTaskError(`${task.module} has no task type ${task.type}`);
  if ('kind' in definition) {
    const done = await startJob(() => definition.start(env, task));
    return done && { task, ...planFinish(db, task, { ...done, modelUsed: definition.model }, threshold) };
  }
  const { doc, fileSha256 } = await loadDocument(env, db, task, allowAi);
  const learning = definition.learning;
  // A first reading names the issuer; what the company's experts taught for it is then read first. Only
  // companies that taught something pay for the lookup and the second reading.
  let reading = definition.embedded(doc, task.input);
  const issuerKeys = learning && !doc.einvoice ? learning.issuerKeys(doc, reading.output) : [];
  const hints =
    teaching.has(task.orgId) && issuerKeys.length ? await loadHints(db, task.orgId, issuerKeys) : [];
  if (hints.length) reading = definition.embedded(doc, task.input, { hints });
  const result = await runTaskType(env, definition, doc, task.input, { allowAi, reading });
  const output = definition.output.safeParse(result.output);
  if (!output.success)
    throw new Error(`The ${result.modelUsed} result does not match the ${task.type} schema`);
  const learned = (output.data as { learned?: unknown }).learned;
  const remember: Remember = learning
    ? {
        fingerprint: learning.fingerprint(output.data),
        fileSha256,
        issuerKeys,
        learned: Array.isArray(learned) ? learned : [],
      }
    : {};
  return { task, pages: doc.pages.length, threshold, run: { ...result, output: output.data }, remember };
}

/**
 * Ends the batch's readings: invoices already booked — or twice in this batch — are held as duplicates
 * (one lookup for the whole batch), a rejection read the same way again goes back to the expert.
 */
async function finishReadings(db: Db, readings: Reading[], onBehalf: OnBehalf): Promise<Finishing[]> {
  const remembered = readings.filter((r) => r.remember.fingerprint !== undefined);
  const duplicates = await findDuplicates(
    db,
    remembered.map((r) => ({
      task: r.task,
      fingerprint: r.remember.fingerprint ?? null,
      fileSha256: r.remember.fileSha256 ?? null,
    })),
  );
  return readings.map(({ task, threshold, run, remember }) => {
    let ended = run;
    if (remember.fingerprint !== undefined) {
      const duplicate = duplicates.get(task.id) ?? null;
      ended = withCheck(ended, duplicateCheck(duplicate), duplicate ? DUPLICATE_CAP : 100);
    }
    ended = unchangedAfterRejection(task, ended, threshold);
    return { task, ...onBehalf(task, () => planFinish(db, task, ended, threshold)), ...remember };
  });
}

function withCheck<R extends RunOutput>(run: R, check: Check, cap: number): R {
  return {
    ...run,
    checks: [...run.checks, check],
    confidence: check.passed ? run.confidence : Math.min(run.confidence, cap),
  };
}

/**
 * A task the expert rejected comes back with their notes. When the engine reads it exactly as before,
 * the notes are not addressed: it goes back to the expert (below any threshold) instead of completing
 * unseen or looping through the queue.
 */
function unchangedAfterRejection<R extends RunOutput>(task: Task, run: R, threshold: number): R {
  const notes = task.input.review_notes;
  if (task.review?.approved !== false || JSON.stringify(run.output) !== JSON.stringify(task.output))
    return run;
  const detail = `read as before the rejection${typeof notes === 'string' && notes ? `: "${notes.slice(0, 200)}"` : ''}`;
  return withCheck(run, { name: 'rejection_addressed', passed: false, detail }, Math.max(0, threshold - 1));
}

/** Fingerprints (and hint use) of the tasks that completed in this batch, in one D1 batch. */
async function rememberBooked(db: Db, completed: ({ task: Task } & Remember)[]) {
  const statements = completed.flatMap((f) =>
    f.fingerprint === undefined
      ? []
      : [
          rememberFingerprint(db, f.task, f.fingerprint, f.fileSha256 ?? null),
          ...hintsUsed(db, f.task.orgId, f.issuerKeys ?? [], f.learned ?? []),
        ],
  );
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

async function startJob<T>(start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof UnusableUrlError) throw new PermanentTaskError(error.message, 'input');
    throw error;
  }
}

export async function loadDocument(
  env: Env,
  db: Db,
  task: Task,
  allowAi: boolean,
): Promise<{ doc: DocumentText; fileSha256: string | null }> {
  const { file_id: fileId, text } = task.input;
  if (typeof text === 'string') return { doc: documentFromText(text), fileSha256: null };
  if (typeof fileId !== 'string')
    throw new PermanentTaskError('The task has neither a file nor text', 'input');
  const file = await db.query.files.findFirst({ where: eq(files.id, fileId) });
  if (!file) throw new PermanentTaskError(`Input file ${fileId} does not exist`);
  const object = await env.FILES.get(file.r2Key);
  if (!object) throw new Error(`Input file ${fileId} is missing from storage`); // may be transient
  // The last attempt reads without OCR, so a model outage sends a scan to review rather than failing it.
  const ocr = ocrFor(env);
  const options = allowAi ? { ocr } : { ocr: null, ...(ocr ? { noOcrReason: OCR_DOWN } : {}) };
  // Each task type reads PDF pages in the order its documents are laid out in (RFPs: by text column).
  const definition = taskTypeOf(task.module, task.type);
  const order = definition && !('kind' in definition) ? definition.readingOrder : undefined;
  try {
    const bytes = new Uint8Array(await object.arrayBuffer());
    return {
      doc: await documentFromBytes(bytes, file.mimeType, { ...options, ...(order ? { order } : {}) }),
      fileSha256: file.sha256,
    };
  } catch (error) {
    if (error instanceof OcrUnavailableError) throw error; // transient: retried like a model outage
    throw new PermanentTaskError(
      `The document could not be read: ${error instanceof Error ? error.message : error}`,
      'input',
    );
  }
}

/** Marks a task failed with its error (conditional: a task that finished meanwhile stays finished). */
export async function failTask(
  env: Env,
  taskId: string,
  error: string,
  fault: TaskFault = 'platform',
): Promise<void> {
  const db = createDb(env.DB);
  const task = await db.query.tasks.findFirst({ where: eq(tasks.id, taskId) });
  if (!task || (task.status !== 'queued' && task.status !== 'in_progress')) return;
  const message = error.slice(0, 1000); // also bounds the event's size on the queue
  await transitionTask(db, task, 'fail', 'system', {
    changes: { error: message },
    data: { error: message, fault },
  });
}
