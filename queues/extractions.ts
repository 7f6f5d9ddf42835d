// Extractions queue consumer: crawls each extraction (src/modules/extractions/run.ts). Transient failures
// (timeouts, 5xx, DNS hiccups, a busy host) retry with backoff; the last one fails the extraction and lets
// the queue dead-letter the message. Permanent ones (unsafe URL, 4xx, not HTML) fail at once and are
// recorded as dead letters, as tasks' are (./settle).
import { z } from '@hono/zod-openapi';
import { log } from '../src/lib/logger';
import { QUEUES, TASK_MAX_RETRIES } from '../src/lib/queues';
import { inRequest } from '../src/lib/request-context';
import {
  failExtraction,
  PermanentExtractionError,
  processExtraction,
  type RunOptions,
} from '../src/modules/extractions/run';
import { backoffSeconds, settleFailure } from './settle';

// request_id: the request that started the crawl (absent in messages queued before it was carried).
const extractionMessageSchema = z.object({
  extraction_id: z.string().startsWith('ext_'),
  request_id: z.string().optional(),
});

export async function processExtractionBatch(
  env: Env,
  batch: MessageBatch<unknown>,
  options: RunOptions = {},
): Promise<void> {
  // One at a time: a crawl is mostly waiting on other sites, and the per-host budget is shared anyway.
  for (const message of batch.messages) {
    await handle(env, message, options).catch((error: unknown) => {
      log.error('extraction handling failed unexpectedly; retrying', {
        message_id: message.id,
        error: String(error),
      });
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    });
  }
}

async function handle(env: Env, message: Message<unknown>, options: RunOptions) {
  const parsed = extractionMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    log.error('unreadable extraction message dropped', { message_id: message.id });
    message.ack();
    return;
  }
  const { extraction_id: id, request_id: requestId } = parsed.data;
  // On behalf of the request that started it: the events and emails it causes carry that request's id.
  await inRequest(requestId, () => crawl(env, message, id, options));
}

async function crawl(env: Env, message: Message<unknown>, id: string, options: RunOptions) {
  try {
    const outcome = await processExtraction(env, id, options);
    log.info('extraction processed', { extraction_id: id, outcome, attempts: message.attempts });
    message.ack();
  } catch (error) {
    await settleFailure(
      env,
      message,
      { error, permanent: error instanceof PermanentExtractionError },
      {
        queue: QUEUES.extractions,
        maxRetries: TASK_MAX_RETRIES,
        fail: (reason) => failExtraction(env, id, reason),
        about: { extraction_id: id },
      },
    );
  }
}
