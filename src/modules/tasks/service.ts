// Tasks: created by a company on an active engagement, processed by the tasks queue, read by both sides.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { TaskMessage } from '../../../queues/messages';
import { engagementModules, files, type Task, tasks } from '../../db/schema';
import { chunks } from '../../lib/chunks';
import { ApiError, conflict } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { keyset, type ListSpec } from '../../lib/list-query';
import { log } from '../../lib/logger';
import { recordEvent } from '../../lib/outbox';
import { requestIdField } from '../../lib/request-context';
import type { TenantScope } from '../../lib/tenancy';
import { taskTypeOf } from '../ai/registry';
import { priceOf } from '../credits/prices';
import { chargeStatements, withCreditCheck } from '../credits/service';
import type { CreateTaskInput, ListTasksQuery, TASK_SORTS } from './schema';
import { toTaskView } from './view';

const invalid = (path: string, message: string) =>
  new ApiError(422, 'The request does not match the schema', { errors: [{ path, message }] });

/** Puts tasks on their queues: high priority has a queue of its own, so it never waits behind normal work. */
export async function enqueueTasks(env: Env, list: Pick<Task, 'id' | 'priority'>[]) {
  for (const [queue, group] of [
    [env.TASKS_HIGH_QUEUE, list.filter((t) => t.priority === 'high')],
    [env.TASKS_QUEUE, list.filter((t) => t.priority !== 'high')],
  ] as const) {
    // sendBatch takes at most 100 messages.
    for (const part of chunks(group, 100)) {
      const messages = part.map((t) => ({
        body: { task_id: t.id, ...requestIdField() } satisfies TaskMessage,
        contentType: 'json' as const,
      }));
      if (messages.length === 1 && messages[0]) await queue.send(messages[0].body, { contentType: 'json' });
      else await queue.sendBatch(messages);
    }
  }
}

export const enqueueTask = (env: Env, task: Pick<Task, 'id' | 'priority'>) => enqueueTasks(env, [task]);

export const MAX_BATCH_TASKS = 100;

/**
 * Creates tasks on an active engagement: every task is checked first (a problem in any answers 409/422 and
 * creates none), then all rows and their `task.created` events are one D1 batch, then the queue messages.
 */
export async function createTasks(
  env: Env,
  scope: TenantScope,
  engagementId: string,
  inputs: CreateTaskInput[],
) {
  const { db, principal } = scope;
  const engagement = await scope.engagement(engagementId);
  if (engagement.status !== 'active') {
    throw conflict(`Tasks need an active engagement; this one is ${engagement.status}`);
  }
  const installed = await db.query.engagementModules.findMany({
    where: eq(engagementModules.engagementId, engagement.id),
  });
  const fileIds = inputs.flatMap((input) => (input.input.file_id ? [input.input.file_id] : []));
  const inputFiles = await scope.filesById(fileIds);
  const prefix = (i: number) => (inputs.length > 1 ? `tasks.${i}.` : '');
  const now = new Date().toISOString();
  const statements = [];
  const rows = [];
  for (const [i, input] of inputs.entries()) {
    if (!engagement.modules.includes(input.module)) {
      throw conflict(`${input.module} is not a module of this engagement`);
    }
    const module = installed.find((m) => m.module === input.module);
    if (module?.status !== 'active') {
      throw conflict(`${input.module} is not installed on this engagement (${module?.status ?? 'missing'})`);
    }
    const definition = taskTypeOf(input.module, input.type);
    if (!definition) throw invalid(`${prefix(i)}type`, `${input.module} has no task type ${input.type}`);
    const options = definition.input.safeParse(input.input);
    if (!options.success) {
      throw new ApiError(422, 'The request does not match the schema', {
        errors: options.error.issues.map((issue) => ({
          path: [`${prefix(i)}input`, ...issue.path.map(String)].join('.'),
          message: issue.message,
        })),
      });
    }
    if ('kind' in definition && definition.accept) {
      try {
        definition.accept(env, options.data);
      } catch (error) {
        // The check speaks of the input's own fields: say where they are in this request.
        if (!(error instanceof ApiError)) throw error;
        const errors = error.options.errors?.map((e) => ({ ...e, path: `${prefix(i)}input.${e.path}` }));
        throw new ApiError(error.status, error.detail, { errors });
      }
    }
    const fileId = input.input.file_id;
    const file = fileId ? (inputFiles.get(fileId) ?? null) : null;
    if (fileId && !file) throw invalid(`${prefix(i)}input.file_id`, 'No file with this id');
    if (file?.engagementId && file.engagementId !== engagement.id) {
      throw invalid(`${prefix(i)}input.file_id`, 'The file is attached to another engagement');
    }
    const row = {
      id: newId('task'),
      engagementId: engagement.id,
      orgId: engagement.orgId,
      expertId: engagement.expertId,
      title: input.title,
      module: input.module,
      type: input.type,
      priority: input.priority,
      status: 'queued' as const,
      input: input.input,
      attempts: 0,
      version: 0,
      createdBy: principal.userId,
      createdAt: now,
      updatedAt: now,
    };
    rows.push(row);
    statements.push(
      db.insert(tasks).values(row),
      recordEvent(db, {
        type: 'task.created',
        engagementId: engagement.id,
        orgId: engagement.orgId,
        data: {
          task_id: row.id,
          title: row.title,
          module: row.module,
          type: row.type,
          priority: row.priority,
          actor_id: principal.userId,
        },
      }),
    );
    // The expert reviews the document too: an unattached input file joins the engagement.
    if (file && !file.engagementId) {
      statements.push(
        db
          .update(files)
          .set({ engagementId: engagement.id })
          .where(and(eq(files.id, file.id), isNull(files.engagementId))),
      );
    }
  }
  // The tasks' price in credits leaves the balance in the same batch, which fails whole (no task created,
  // nothing queued) when the balance does not cover it: 402 with the balance and the price.
  const charges = rows.map((row) => ({
    taskId: row.id,
    module: row.module,
    credits: priceOf(env, row.module).task,
  }));
  statements.push(...chargeStatements(db, engagement.orgId, charges, principal.userId));
  const price = charges.reduce((sum, c) => sum + c.credits, 0);
  const [first, ...rest] = statements;
  if (first) await withCreditCheck(db, engagement.orgId, price, () => db.batch([first, ...rest]));
  try {
    await enqueueTasks(env, rows);
  } catch (error) {
    // Not lost: the sweep re-sends tasks that stay queued.
    log.error('task enqueue failed', { tasks: rows.length, error: String(error) });
  }
  return rows.map((row) =>
    toTaskView({
      ...row,
      output: null,
      checks: null,
      aiConfidence: null,
      aiHandled: null,
      modelUsed: null,
      error: null,
      review: null,
      lastEventId: null,
      startedAt: null,
      completedAt: null,
    }),
  );
}

export async function createTask(env: Env, scope: TenantScope, engagementId: string, input: CreateTaskInput) {
  const [task] = await createTasks(env, scope, engagementId, [input]);
  if (!task) throw new Error('no task created');
  return task;
}

/** An engagement's tasks: 404 when the engagement is not the caller's. */
export async function listEngagementTasks(scope: TenantScope, engagementId: string, query: ListTasksQuery) {
  const engagement = await scope.engagement(engagementId);
  return listTasks(scope, { ...query, engagement_id: engagement.id });
}

const PRIORITY_RANK = { low: 0, normal: 1, high: 2 } as const;

const taskList: ListSpec<Task, (typeof TASK_SORTS)[number]> = {
  id: tasks.id,
  createdAt: tasks.createdAt,
  sorts: {
    updated_at: { by: tasks.updatedAt, value: (row) => row.updatedAt },
    title: { by: sql`${tasks.title} collate nocase`, value: (row) => row.title },
    status: { by: tasks.status, value: (row) => row.status },
    module: { by: tasks.module, value: (row) => row.module },
    priority: {
      by: sql`(case ${tasks.priority} when 'high' then 2 when 'normal' then 1 else 0 end)`,
      value: (row) => PRIORITY_RANK[row.priority],
    },
    confidence: { by: sql`coalesce(${tasks.aiConfidence}, -1)`, value: (row) => row.aiConfidence ?? -1 },
  },
  search: [tasks.title, tasks.module, tasks.type, tasks.id],
};

/** Tasks the caller may see (a company its own, an expert those of their engagements, an admin all). */
export async function listTasks(scope: TenantScope, query: ListTasksQuery) {
  // An engagement the caller cannot see is a 404, as on every engagement-scoped route, not an empty list.
  if (query.engagement_id) await scope.engagement(query.engagement_id);
  const list = keyset(taskList, query);
  const rows = await scope.db
    .select()
    .from(tasks)
    .where(
      and(
        query.engagement_id ? eq(tasks.engagementId, query.engagement_id) : undefined,
        scope.taskCondition(),
        query.status?.length ? inArray(tasks.status, query.status) : undefined,
        query.module ? eq(tasks.module, query.module) : undefined,
        list.where,
      ),
    )
    .orderBy(...list.orderBy)
    .limit(query.limit + 1);
  return list.page(rows, toTaskView);
}

export async function getTask(scope: TenantScope, id: string) {
  return toTaskView(await scope.task(id));
}
