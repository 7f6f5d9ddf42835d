// The body of each queue's messages, one zod schema a queue: the registry validates every message against
// its queue's schema before the consumer sees it, and producers type what they send from the same schema.
// Objects are not strict: a field added later must not make messages already in flight unreadable.
import { z } from '@hono/zod-openapi';
import { eventMessageSchema } from '../src/events/message';
import type { DeliveryMessage } from '../src/modules/webhook-endpoints/fan-out';

// request_id: the request that queued the work (absent in messages queued before it was carried).
export const taskMessageSchema = z.object({
  task_id: z.string().startsWith('tsk_'),
  request_id: z.string().optional(),
});
export type TaskMessage = z.infer<typeof taskMessageSchema>;

export const extractionMessageSchema = z.object({
  extraction_id: z.string().startsWith('ext_'),
  request_id: z.string().optional(),
});
export type ExtractionMessage = z.infer<typeof extractionMessageSchema>;

export { eventMessageSchema };

/** The next step of the payout run that started at run_started, or of invoicing billed periods. */
export const payoutMessageSchema = z.discriminatedUnion('job', [
  z.object({ job: z.literal('process'), run_started: z.string() }),
  z.object({ job: z.literal('invoice_periods') }),
]);
export type PayoutMessage = z.infer<typeof payoutMessageSchema>;

export const deliveryMessageSchema = z.object({
  delivery_id: z.string().min(1),
}) satisfies z.ZodType<DeliveryMessage>;

/** One chunk of an email job: up to 100 messages sent in one provider call. */
export const emailChunkMessageSchema = z.object({ job_id: z.string(), chunk: z.number() });
export type EmailChunkMessage = z.infer<typeof emailChunkMessageSchema>;
