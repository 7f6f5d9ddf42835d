// GET /v1/home's answer: the figures each role starts the day with, one shape per role (a union on `role`).
import { z } from '@hono/zod-openapi';
import { activitySchema } from '../activity/routes';
import { queueSchema } from '../admin/routes';
import { alertSchema } from '../alerts/routes';

const count = z.number().int();
const money = z
  .object({ currency: z.string().openapi({ example: 'eur' }), amount: z.number().int() })
  .openapi('Money', { description: 'An amount in minor units of its currency' });
const rate = z
  .number()
  .nullable()
  .openapi({ description: 'Rounded to 3 decimals; null when nothing counts' });

const automationSchema = z
  .object({
    days: count.openapi({ description: 'The window: tasks finished in the last this many days' }),
    finished: count,
    completed_unseen: count,
    rate: rate.openapi({ description: 'completed_unseen / finished, as GET /v1/automation reports it' }),
  })
  .openapi('HomeAutomation');

const monthSchema = z
  .string()
  .openapi({ description: 'The calendar month (UTC) money is counted in', example: '2026-11' });

const homeActivitySchema = activitySchema
  .extend({ engagement_id: z.string(), engagement_title: z.string() })
  .openapi('HomeActivity');

const recentActivity = z
  .array(homeActivitySchema)
  .openapi({ description: 'The last 10 events of the caller’s engagements, newest first' });

const companyHomeSchema = z
  .object({
    role: z.literal('company'),
    open_tasks: z
      .object({ queued: count, in_progress: count, needs_review: count, total: count })
      .openapi({ description: 'Tasks not finished yet, by status' }),
    automation: automationSchema,
    month: monthSchema,
    spend_this_month: z
      .array(money.extend({ payments: count }))
      .openapi({ description: 'Payments that succeeded this month, per currency' }),
    credits: z.object({ balance: count, low_balance: z.boolean() }),
    tasks_per_day: z
      .array(z.object({ day: z.string().openapi({ example: '2026-11-14' }), created: count }))
      .openapi({ description: 'Tasks created per day (UTC), the last 14 days, oldest first' }),
    recent_activity: recentActivity,
  })
  .openapi('CompanyHome');

const expertHomeSchema = z
  .object({
    role: z.literal('expert'),
    review_queue: count.openapi({ description: 'Tasks waiting for this expert’s review' }),
    month: monthSchema,
    earnings: z
      .array(
        z.object({
          currency: z.string(),
          paid_this_month: count.openapi({ description: 'Transferred by payouts completed this month' }),
          pending: count.openapi({ description: 'Earned and not transferred yet (the ledger balance)' }),
        }),
      )
      .openapi({ description: 'Per currency, in minor units' }),
    next_payout: z
      .object({
        at: z.string().openapi({ description: 'The next payout run (Fridays 09:00 UTC)' }),
        amounts: z
          .array(money)
          .openapi({ description: 'Payouts prepared and waiting for that run, per currency' }),
        payouts_enabled: z
          .boolean()
          .openapi({ description: 'A connected account is ready; without one the run skips the payout' }),
      })
      .openapi('HomeNextPayout'),
    requests: z
      .object({
        waiting: count,
        latest: z.array(
          z.object({ id: z.string(), title: z.string(), company: z.string(), requested_at: z.string() }),
        ),
      })
      .openapi({ description: 'Engagements requested and waiting for this expert’s answer (latest 5)' }),
    recent_activity: recentActivity,
  })
  .openapi('ExpertHome');

const adminHomeSchema = z
  .object({
    role: z.literal('admin'),
    month: monthSchema,
    volume_this_month: z
      .array(money.extend({ payments: count }))
      .openapi({ description: 'Payments that succeeded this month, per currency' }),
    fees_this_month: z.array(money).openapi({ description: 'The platform’s fee on them, per currency' }),
    fee_bps: count.openapi({ description: 'The platform fee now applied (PLATFORM_FEE_BPS; 2000 = 20 %)' }),
    automation: automationSchema,
    queues: z.array(queueSchema).openapi({ description: 'Backlog and dead letters per queue' }),
    alerts: z
      .object({ open: count, latest: z.array(alertSchema) })
      .openapi({ description: 'Open alerts: how many, and the 5 opened last' }),
    volume_per_day: z
      .array(z.object({ day: z.string(), payments: count, amounts: z.array(money) }))
      .openapi({ description: 'Payments that succeeded per day (UTC), the last 14 days, oldest first' }),
  })
  .openapi('AdminHome');

export const homeSchema = z
  .discriminatedUnion('role', [companyHomeSchema, expertHomeSchema, adminHomeSchema])
  .openapi('Home');

export type CompanyHome = z.infer<typeof companyHomeSchema>;
export type ExpertHome = z.infer<typeof expertHomeSchema>;
export type AdminHome = z.infer<typeof adminHomeSchema>;
export type HomeActivity = z.infer<typeof homeActivitySchema>;
