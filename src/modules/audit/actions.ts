// The admin actions the audit log records: a closed list, each with what it acts on and the zod schema of its
// `details`. Recording is typed by these (./record.ts), the API's AdminAction schema is built from them, and
// the dashboard words each one. Details hold amounts, counts, names and reasons — never a secret (a webhook
// endpoint is named by its host, whose URL may carry a token).
import { z } from '@hono/zod-openapi';
import { deadLetterAboutSchema } from '../admin/dead-letter-about';

/** The kinds of record an action acts on (`target_type`); target_id is that record's id (none for metrics). */
export const TARGET_TYPES = [
  'dead_letter',
  'email_job',
  'org',
  'payout_run',
  'engagement',
  'payment',
  'webhook_endpoint',
  'metrics',
  'user',
] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

const entry = <T extends TargetType, D extends z.ZodObject>(description: string, target: T, details: D) => ({
  description,
  target,
  details,
});

const money = { amount: z.number().int().describe('Minor units'), currency: z.string().length(3) };
const host = z.string().describe("The endpoint URL's host (the URL itself may carry a token)");
const engagementTitle = z.object({ title: z.string().describe('The engagement’s title at the time') });

export const ADMIN_ACTIONS = {
  'dead_letter.redrive': entry(
    'Sent a dead letter back to its queue',
    'dead_letter',
    z.object({ queue: z.string(), about: deadLetterAboutSchema }),
  ),
  'email.bulk_send': entry(
    'Started a bulk email',
    'email_job',
    z.object({ subject: z.string(), recipients: z.number().int() }),
  ),
  'credits.grant': entry(
    'Granted a company AI credits (negative: took some back)',
    'org',
    z.object({ org_name: z.string(), credits: z.number().int(), note: z.string().nullable() }),
  ),
  'payout_run.prepare': entry(
    'Prepared a week’s payouts by hand',
    'payout_run',
    z.object({
      week: z.string(),
      prepared: z.number().int(),
      amounts: z.record(z.string(), z.number().int()).describe('Prepared per currency, in minor units'),
    }),
  ),
  'payout_run.process': entry(
    'Processed pending payouts by hand',
    'payout_run',
    z.object({
      processed: z.number().int(),
      failed: z.number().int(),
      skipped: z.number().int(),
      remaining: z.number().int().describe('Continued through the payouts queue'),
    }),
  ),
  'billing.pause': entry('Paused an engagement’s billing', 'engagement', engagementTitle),
  'billing.resume': entry('Resumed an engagement’s billing', 'engagement', engagementTitle),
  'payment.create': entry(
    'Billed an engagement by hand',
    'payment',
    z.object({ engagement_id: z.string(), title: z.string(), ...money }),
  ),
  'payment.confirm': entry(
    'Confirmed a payment with a test card (test mode)',
    'payment',
    z.object({
      payment_method: z.string(),
      status: z.string().describe('The payment’s status afterwards'),
      ...money,
    }),
  ),
  'webhook_endpoint.create': entry(
    'Added a platform webhook endpoint',
    'webhook_endpoint',
    z.object({ host, events: z.array(z.string()) }),
  ),
  'webhook_endpoint.update': entry(
    'Changed a platform webhook endpoint',
    'webhook_endpoint',
    z.object({ host, changed: z.array(z.enum(['url', 'events', 'description'])) }),
  ),
  'webhook_endpoint.disable': entry(
    'Disabled a platform webhook endpoint',
    'webhook_endpoint',
    z.object({ host, changed: z.array(z.enum(['url', 'events', 'description'])) }),
  ),
  'webhook_endpoint.enable': entry(
    'Enabled a platform webhook endpoint',
    'webhook_endpoint',
    z.object({ host, changed: z.array(z.enum(['url', 'events', 'description'])) }),
  ),
  'webhook_endpoint.delete': entry(
    'Deleted a platform webhook endpoint',
    'webhook_endpoint',
    z.object({ host }),
  ),
  'webhook_endpoint.rotate_secret': entry(
    'Rotated a platform webhook endpoint’s secret',
    'webhook_endpoint',
    z.object({ host }),
  ),
  'webhook_endpoint.replay': entry(
    'Replayed events to a platform webhook endpoint',
    'webhook_endpoint',
    z.object({
      host,
      since: z.string(),
      until: z.string().nullable(),
      only_failed: z.boolean(),
      replayed: z.number().int(),
    }),
  ),
  'webhook_endpoint.test': entry(
    'Sent a test event to a platform webhook endpoint',
    'webhook_endpoint',
    z.object({ host, event_type: z.string() }),
  ),
  'metrics.rollup': entry(
    'Rolled the metrics up by hand',
    'metrics',
    z.object({ hours: z.number().int().describe('Hours recomputed') }),
  ),
  'user.disable': entry(
    'Disabled an account: it cannot sign in, its tokens stop working',
    'user',
    z.object({ email: z.string(), role: z.string(), reason: z.string().nullable() }),
  ),
  'user.enable': entry(
    'Enabled a disabled account again',
    'user',
    z.object({ email: z.string(), role: z.string() }),
  ),
} as const;

export type AdminActionName = keyof typeof ADMIN_ACTIONS;
export const ADMIN_ACTION_NAMES = Object.keys(ADMIN_ACTIONS) as [AdminActionName, ...AdminActionName[]];

export type AdminActionDetails<A extends AdminActionName> = z.input<(typeof ADMIN_ACTIONS)[A]['details']>;
