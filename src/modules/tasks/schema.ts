// Task shapes: what a company sends, what everyone reads back, and the expert's review.
import { z } from '@hono/zod-openapi';
import { oneOrMore, searchListQuerySchema } from '../../lib/list-query';
import { moduleCodeSchema } from '../experts/schema';
import { taskMachine } from './machine';

const MAX_TEXT = 1024 * 1024;

export const taskInputSchema = z
  .object({
    file_id: z.string().max(64).optional().openapi({ description: 'A file uploaded with POST /v1/files' }),
    text: z.string().min(1).max(MAX_TEXT).optional().openapi({ description: 'The document as plain text' }),
  })
  .catchall(z.unknown())
  // Which of them a type needs is the type's own schema's business (LEADS takes a url instead).
  .refine((input) => !(input.file_id && input.text), { message: 'Give file_id or text, not both' })
  .openapi('TaskInput');

const taskTypeCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,40}$/, 'Task types are lower case, e.g. "process_invoice"')
  .openapi({ example: 'process_invoice' });

export const createTaskSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    module: moduleCodeSchema,
    type: taskTypeCodeSchema,
    input: taskInputSchema,
    priority: z.enum(['low', 'normal', 'high']).default('normal'),
  })
  .openapi('CreateTask');
export type CreateTaskInput = z.infer<typeof createTaskSchema>;

export const reviewSchema = z
  .object({
    approve: z.boolean(),
    notes: z.string().trim().max(2000).optional(),
    output: z
      .unknown()
      .optional()
      .openapi({ description: 'A corrected result (approve only); checked against the type' }),
  })
  .refine((review) => review.approve || review.output === undefined, {
    message: 'A corrected output only goes with an approval',
    path: ['output'],
  })
  .openapi('TaskReview');
export type ReviewInput = z.infer<typeof reviewSchema>;

export const taskSchema = z
  .object({
    id: z.string(),
    engagement_id: z.string(),
    title: z.string(),
    module: z.string(),
    type: z.string(),
    priority: z.enum(['low', 'normal', 'high']),
    status: z.enum(taskMachine.states),
    input: z.record(z.string(), z.unknown()),
    input_file_url: z.string().nullable().openapi({ description: 'Where to download the input file' }),
    output: z.unknown().nullable(),
    checks: z
      .array(z.object({ name: z.string(), passed: z.boolean(), detail: z.string().optional() }))
      .nullable(),
    ai_confidence: z.number().int().nullable(),
    ai_handled: z.enum(['full', 'partial']).nullable(),
    model_used: z.string().nullable(),
    error: z.string().nullable(),
    review: z
      .object({
        approved: z.boolean(),
        notes: z.string().nullable(),
        reviewer_id: z.string(),
        at: z.string(),
      })
      .nullable(),
    attempts: z.number().int(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    completed_at: z.string().nullable(),
  })
  .openapi('Task');

/** Orders a task list can be read in (`-key` descending); `priority` runs low → high, a missing confidence first. */
export const TASK_SORTS = [
  'created_at',
  'updated_at',
  'title',
  'status',
  'module',
  'priority',
  'confidence',
] as const;

export const listTasksQuerySchema = searchListQuerySchema(
  TASK_SORTS,
  'the title, module, type and id',
).extend({
  status: oneOrMore(taskMachine.states, 'Only tasks in these states').optional(),
  module: moduleCodeSchema.optional().openapi({ description: 'Only tasks of this module' }),
});
export type ListTasksQuery = z.infer<typeof listTasksQuerySchema> & { engagement_id?: string };

export const listAllTasksQuerySchema = listTasksQuerySchema.extend({
  engagement_id: z
    .string()
    .startsWith('eng_')
    .max(64)
    .optional()
    .openapi({ description: 'Only this engagement' }),
});

/** Narrows a report to one module or task type; a well-formed code nothing uses simply counts nothing. */
export const automationQuerySchema = z.object({
  module: moduleCodeSchema.optional().openapi({ description: 'Only tasks of this module' }),
  type: taskTypeCodeSchema.optional().openapi({ description: 'Only tasks of this type' }),
});
export type AutomationQuery = z.infer<typeof automationQuerySchema>;

const count = z.number().int();
const rate = z
  .number()
  .nullable()
  .openapi({ description: 'Rounded to 3 decimals; null when nothing counts' });

const automationShape = {
  automation: z
    .object({
      finished: count.openapi({ description: 'Completed tasks, trusted unseen or approved by the expert' }),
      completed_unseen: count.openapi({ description: 'Completed at the threshold, never reviewed' }),
      reviewed: count,
      rate: rate.openapi({ description: 'completed_unseen / finished' }),
    })
    .openapi('AutomationTotals'),
  fields: z
    .array(
      z.object({
        module: z.string(),
        type: z.string(),
        field: z.string().openapi({ example: 'supplier.vat_id' }),
        reviews: count.openapi({ description: 'Approved reviews of this module and type' }),
        corrected: count.openapi({ description: 'Of those, the ones that corrected this field' }),
        correction_rate: z.number(),
      }),
    )
    .openapi({ description: 'Fields corrected in reviews, most often corrected first' }),
  weeks: z
    .array(
      z
        .object({
          week: z.string().openapi({ example: '2026-W45' }),
          finished: count,
          completed_unseen: count,
          automation_rate: rate,
          bands: z.array(
            z.object({
              from: count,
              to: count,
              approved: count.openapi({ description: 'Approved as read' }),
              corrected: count.openapi({ description: 'Approved with a correction' }),
              rejected: count,
            }),
          ),
        })
        .openapi('AutomationWeek'),
    )
    .openapi({
      description:
        'ISO weeks, oldest first, at most the last 26; finished by completion, bands by review time',
    }),
};

export const automationSchema = z.object(automationShape).openapi('Automation');

export const calibrationSchema = z
  .object({
    engagement_id: z.string(),
    threshold: z.number().int(),
    reviews: z.number().int(),
    bands: z.array(
      z.object({
        from: z.number().int(),
        to: z.number().int(),
        reviewed: z.number().int(),
        approved: z.number().int(),
        rejected: z.number().int(),
        corrected: z.number().int(),
        approval_rate: z.number().nullable(),
      }),
    ),
    ...automationShape,
  })
  .openapi('Calibration');
