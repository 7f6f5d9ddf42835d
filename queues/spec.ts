// What a queue declares (./registry lists them), and the one dispatch every queue's batches go through: each
// message is read with the queue's schema once; an unreadable one cannot succeed on any retry, so it is acked
// with a log line, and the consumer sees only readable messages with typed bodies.
import type { z } from '@hono/zod-openapi';
import type { Db } from '../src/db/client';
import { log } from '../src/lib/logger';
import type { QueueName } from '../src/lib/queues';

interface QueueDeclaration {
  name: QueueName;
  producer: (env: Env) => Queue;
  /** Deliveries after the first, exactly as `max_retries` in wrangler.toml. */
  maxRetries: number;
  /** Where the queue moves a message that used up its retries. */
  deadLetterQueue: string;
  /** What is known to be waiting for this queue (queued rows, unsent events); absent: unknown. */
  backlog?: (env: Env, db: Db) => Promise<number>;
  /** When the longest-stranded item (a stuck run or a lost message) was last touched; null: none. */
  oldestStranded?: (db: Db) => Promise<string | null>;
}

/** A queue as written in the registry: its consumer and hooks take bodies of its message schema. */
export interface QueueDefinition<Body> extends QueueDeclaration {
  message: z.ZodType<Body>;
  consume: (env: Env, batch: MessageBatch<Body>) => Promise<void>;
  /** The message died: the work it carried ends failed (even if its worker crashed before saying so). */
  onDead?: (env: Env, body: Body) => Promise<void>;
  /**
   * A dead letter goes back: reset the work it carries and send it. Returns false to have the body sent
   * to this queue's producer as it is.
   */
  onRedrive?: (env: Env, db: Db, body: Body) => Promise<boolean>;
}

/** A queue as everything else reads it: bodies arrive unknown and are read with `message` here. */
export interface QueueSpec extends QueueDeclaration {
  message: z.ZodType;
  dispatch: (env: Env, batch: MessageBatch<unknown>) => Promise<void>;
  /** Skipped for a body the schema cannot read: there is no work to end. */
  onDead?: (env: Env, body: unknown) => Promise<void>;
  /** False (the body goes back as it is) for a body the schema cannot read. */
  onRedrive?: (env: Env, db: Db, body: unknown) => Promise<boolean>;
}

export function defineQueue<Body>(definition: QueueDefinition<Body>): QueueSpec {
  const { message: schema, consume, onDead, onRedrive, ...declared } = definition;
  return {
    ...declared,
    message: schema,
    dispatch: (env, batch) => consume(env, readable(batch, schema)),
    ...(onDead && {
      onDead: async (env: Env, body: unknown) => {
        const parsed = schema.safeParse(body);
        if (parsed.success) await onDead(env, parsed.data);
      },
    }),
    ...(onRedrive && {
      onRedrive: async (env: Env, db: Db, body: unknown) => {
        const parsed = schema.safeParse(body);
        return parsed.success ? onRedrive(env, db, parsed.data) : false;
      },
    }),
  };
}

/** The batch's readable messages, their bodies as the schema read them; the unreadable ones are acked. */
function readable<Body>(batch: MessageBatch<unknown>, schema: z.ZodType<Body>): MessageBatch<Body> {
  const messages: Message<Body>[] = [];
  for (const message of batch.messages) {
    const parsed = schema.safeParse(message.body);
    if (parsed.success) {
      messages.push({
        id: message.id,
        timestamp: message.timestamp,
        attempts: message.attempts,
        body: parsed.data,
        ack: () => message.ack(),
        retry: (options) => message.retry(options),
      });
      continue;
    }
    // Retrying cannot make it readable: acked, once, with what is wrong with it.
    log.error('unreadable queue message acked', {
      queue: batch.queue,
      message_id: message.id,
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
    });
    message.ack();
  }
  return {
    queue: batch.queue,
    metadata: batch.metadata,
    messages,
    ackAll: () => {
      for (const message of messages) message.ack();
    },
    retryAll: (options) => {
      for (const message of messages) message.retry(options);
    },
  };
}
