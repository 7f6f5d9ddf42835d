// Extraction transitions as D1 batch statements, guarded like every versioned row (lib/transition): the event
// (and any rows that must land with it, such as the entities) is written only if the update's stamp landed —
// so two workers on one extraction never both record.
import type { SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import { type Extraction, extractions } from '../../db/schema';
import { recordEvent } from '../../lib/outbox';
import { stampedUpdate } from '../../lib/transition';
import { type ExtractionAction, extractionMachine } from './machine';

export interface ExtractionTransition {
  changes?: Partial<typeof extractions.$inferInsert>;
  data?: Record<string, unknown>;
  /** Statements that must apply only if the transition won. */
  extraStatements?: (won: SQL) => BatchItem<'sqlite'>[];
}

export function planExtractionTransition(
  db: Db,
  row: Extraction,
  action: ExtractionAction,
  options: ExtractionTransition = {},
): [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] {
  const step = extractionMachine.plan(action, row.status, 'system');
  const { eventId, won, update } = stampedUpdate(db, extractions, row, {
    ...options.changes,
    status: step.to,
  });
  return [
    update,
    // Events of a task's extraction carry its engagement, so the engagement's room shows the progress.
    recordEvent(
      db,
      {
        id: eventId,
        type: step.event,
        engagementId: row.engagementId,
        orgId: row.orgId,
        data: {
          extraction_id: row.id,
          task_id: row.taskId,
          url: row.normalizedUrl,
          status: step.to,
          ...options.data,
        },
      },
      { onlyIf: won },
    ),
    ...(options.extraStatements?.(won) ?? []),
  ];
}

/** The extraction after the transition, or null when another worker changed it first. */
export async function transitionExtraction(
  db: Db,
  row: Extraction,
  action: ExtractionAction,
  options: ExtractionTransition = {},
): Promise<Extraction | null> {
  const [update, ...rest] = planExtractionTransition(db, row, action, options);
  const [updated] = (await db.batch([update, ...rest])) as [Extraction[], ...unknown[]];
  return updated[0] ?? null;
}
