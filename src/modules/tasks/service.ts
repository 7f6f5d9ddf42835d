// Tasks: created by a company on an active engagement, processed by the tasks queue, read by both sides.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { engagementModules, files, type Task, tasks } from '../../db/schema';
import { ApiError, conflict, validationError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import { recordEvent } from '../../lib/outbox';
import { afterCursor, type ListQuery, toPage } from '../../lib/pagination';
import type { TenantScope } from '../../lib/tenancy';
import { taskTypeOf } from '../ai/registry';
import type { TaskStatus } from './machine';
import type { CreateTaskInput } from './schema';
import { toTaskView } from './view';

const invalid = (path: string, message: string) =>
  new ApiError(422, 'The request does not match the schema', { errors: [{ path, message }] });

/** Puts a task on its queue: high priority has a queue of its own, so it never waits behind normal work. */
export async function enqueueTask(env: Env, task: Pick<Task, 'id' | 'priority'>) {
  const queue = task.priority === 'high' ? env.TASKS_HIGH_QUEUE : env.TASKS_QUEUE;
  await queue.send({ task_id: task.id }, { contentType: 'json' });
}

export async function createTask(env: Env, scope: TenantScope, engagementId: string, input: CreateTaskInput) {
  const { db, principal } = scope;
  const engagement = await scope.engagement(engagementId);
  if (engagement.status !== 'active')
    throw conflict(`Tasks need an active engagement; this one is ${engagement.status}`);
  if (!engagement.modules.includes(input.module))
    throw conflict(`${input.module} is not a module of this engagement`);
  const installed = await db.query.engagementModules.findFirst({
    where: and(eq(engagementModules.engagementId, engagement.id), eq(engagementModules.module, input.module)),
  });
  if (installed?.status !== 'active') {
    throw conflict(`${input.module} is not installed on this engagement (${installed?.status ?? 'missing'})`);
  }
  const definition = taskTypeOf(input.module, input.type);
  if (!definition) throw invalid('type', `${input.module} has no task type ${input.type}`);
  const options = definition.input.safeParse(input.input);
  if (!options.success) throw validationError(options.error);

  const fileId = input.input.file_id;
  const file = fileId ? await scope.file(fileId).catch(() => null) : null;
  if (fileId && !file) throw invalid('input.file_id', 'No file with this id');
  if (file?.engagementId && file.engagementId !== engagement.id) {
    throw invalid('input.file_id', 'The file is attached to another engagement');
  }

  const now = new Date().toISOString();
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
    createdBy: principal.userId,
    createdAt: now,
    updatedAt: now,
  };
  const [inserted] = await db.batch([
    db.insert(tasks).values(row).returning(),
    recordEvent(db, {
      type: 'task.created',
      engagementId: engagement.id,
      orgId: engagement.orgId,
      data: { task_id: row.id, title: row.title, module: row.module, type: row.type, priority: row.priority },
    }),
    // The expert reviews the document too: an unattached input file joins the engagement.
    ...(file && !file.engagementId
      ? [
          db
            .update(files)
            .set({ engagementId: engagement.id })
            .where(and(eq(files.id, file.id), isNull(files.engagementId))),
        ]
      : []),
  ]);
  const task = inserted[0];
  if (!task) throw new Error('task insert returned no row');
  try {
    await enqueueTask(env, task);
  } catch (error) {
    // Not lost: the sweep re-sends tasks that stay queued.
    log.error('task enqueue failed', { task_id: task.id, error: String(error) });
  }
  return toTaskView(task);
}

export async function listTasks(
  scope: TenantScope,
  engagementId: string,
  query: ListQuery & { status?: TaskStatus },
) {
  const engagement = await scope.engagement(engagementId);
  const rows = await scope.db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.engagementId, engagement.id),
        scope.taskCondition(),
        query.status ? eq(tasks.status, query.status) : undefined,
        afterCursor(tasks.id, query.cursor),
      ),
    )
    .orderBy(desc(tasks.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toTaskView);
}

export async function getTask(scope: TenantScope, id: string) {
  return toTaskView(await scope.task(id));
}
