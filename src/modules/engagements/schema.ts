// Engagement shapes: the request a company makes and what every party reads back.
import { z } from '@hono/zod-openapi';
import { oneOrMore, searchListQuerySchema } from '../../lib/list-query';
import { moduleCodeSchema, rateSchema } from '../experts/schema';
import { engagementMachine } from './machine';

export const engagementStatusSchema = z.enum(engagementMachine.states);

export const createEngagementSchema = z
  .object({
    expert_id: z.string().min(1).max(64).openapi({ example: 'exp_01JABCDEFGHJKMNPQRSTVWXYZ0' }),
    title: z.string().trim().min(1).max(200).openapi({ example: 'Tender desk for Q1' }),
    modules: z
      .array(moduleCodeSchema)
      .min(1)
      .max(10)
      .refine((m) => new Set(m).size === m.length, 'Modules must not repeat'),
    rate: rateSchema,
  })
  .openapi('CreateEngagement');
export type CreateEngagementInput = z.infer<typeof createEngagementSchema>;

export const engagementSchema = z
  .object({
    id: z.string(),
    org_id: z.string(),
    org_name: z.string().openapi({ description: "The company's name" }),
    expert_id: z.string(),
    expert_name: z.string(),
    title: z.string(),
    modules: z.array(z.string()),
    rate: rateSchema,
    status: engagementStatusSchema,
    review_threshold: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Engagement');

export const engagementModuleSchema = z
  .object({
    module: z.string(),
    status: z.enum(['installing', 'active', 'failed', 'uninstalled']),
    error: z.string().nullable(),
    updated_at: z.string(),
  })
  .openapi('EngagementModule');

/** Orders an engagement list can be read in (`-key` descending); `rate` is the rate's amount. */
export const ENGAGEMENT_SORTS = ['created_at', 'updated_at', 'title', 'status', 'rate'] as const;

export const listEngagementsQuerySchema = searchListQuerySchema(
  ENGAGEMENT_SORTS,
  'the title, company and expert names, modules and id',
).extend({
  status: oneOrMore(engagementMachine.states, 'Only engagements in these states').optional(),
});
export type ListEngagementsQuery = z.infer<typeof listEngagementsQuerySchema>;

export const actionParamSchema = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
  action: z
    .enum(['accept', 'decline', 'complete', 'cancel'])
    .openapi({ param: { name: 'action', in: 'path' } }),
});
