// Extractions queue consumer: crawls each extraction (src/modules/extractions/run.ts). Transient failures
// (timeouts, 5xx, DNS hiccups, a busy host) retry with backoff; the last one fails the extraction and lets
// the queue dead-letter the message. Permanent ones (unsafe URL, 4xx, not HTML) fail at once and are
// recorded as dead letters, as tasks' are (./settle).
import { log } from '../src/lib/logger';
import { QUEUES, TASK_MAX_RETRIES } from '../src/lib/queues';
import { inRequest } from '../src/lib/request-context';
import {
  failExtraction,
  PermanentExtractionError,
  processExtraction,
  type RunOptions,
} from '../src/modules/extractions/run';
import type { ExtractionMessage } from './messages';
import { backoffSeconds, settleFailure } from './settle';

export async function processExtractionBatch(
  env: Env,
  batch: MessageBatch<ExtractionMessage>,
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

/** The body was read with the queue's schema (./messages) by the registry's dispatch. */
async function handle(env: Env, message: Message<ExtractionMessage>, options: RunOptions) {
  const { extraction_id: id, request_id: requestId } = message.body;
  // On behalf of the request that started it: the events and emails it causes carry that request's id.
  await inRequest(requestId, () => crawl(env, message, id, options));
}

async function crawl(env: Env, message: Message<ExtractionMessage>, id: string, options: RunOptions) {
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
