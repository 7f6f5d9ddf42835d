// An engagement's AI modules: installed when the expert accepts, uninstalled when the engagement ends.
import { and, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Engagement, engagementModules, engagements } from '../../db/schema';
import { insertIf } from '../../lib/guarded-insert';
import { newId } from '../../lib/ids';
import { recordEvent } from '../../lib/outbox';

/**
 * Second step of accepting: every module still `installing` becomes `active`, or `failed` when the catalog
 * does not know it. Each update is conditional on `installing` and stamps its own event id; the event is
 * written only if that stamp landed, so running this twice (or racing a completion) records nothing twice.
 * A crash between accept and this step leaves rows `installing`; the five-minute sweep finishes them.
 */
export async function installModules(db: Db, engagement: Engagement, isKnown: (code: string) => boolean) {
  const pending = await db.query.engagementModules.findMany({
    where: and(eq(engagementModules.engagementId, engagement.id), eq(engagementModules.status, 'installing')),
  });
  if (pending.length === 0) return;
  pending.sort((a, b) => engagement.modules.indexOf(a.module) - engagement.modules.indexOf(b.module));
  const now = new Date().toISOString();
  const statements = pending.flatMap(({ module }) => {
    const known = isKnown(module);
    const eventId = newId('event');
    const where = and(
      eq(engagementModules.engagementId, engagement.id),
      eq(engagementModules.module, module),
      eq(engagementModules.status, 'installing'),
    );
    return [
      db
        .update(engagementModules)
        .set({
          status: known ? 'active' : 'failed',
          error: known ? null : `Unknown module ${module}`,
          lastEventId: eventId,
          updatedAt: now,
        })
        .where(where),
      recordEvent(
        db,
        {
          id: eventId,
          type: known ? 'module.installed' : 'module.failed',
          engagementId: engagement.id,
          orgId: engagement.orgId,
          data: {
            engagement_id: engagement.id,
            module,
            ...(known ? {} : { error: `Unknown module ${module}` }),
          },
        },
        {
          onlyIf: sql`EXISTS (SELECT 1 FROM engagement_modules WHERE engagement_id = ${engagement.id} AND module = ${module} AND last_event_id = ${eventId})`,
        },
      ),
    ];
  });
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** Batch statements uninstalling `installed` modules, each taking effect only when `onlyIf` holds. */
export function uninstallStatements(
  db: Db,
  engagement: Engagement,
  installed: string[],
  onlyIf: SQL,
  now: string,
) {
  if (installed.length === 0) return [];
  return [
    db
      .update(engagementModules)
      .set({ status: 'uninstalled', updatedAt: now })
      .where(
        and(
          eq(engagementModules.engagementId, engagement.id),
          inArray(engagementModules.module, installed),
          onlyIf,
        ),
      ),
    ...installed.map((module) =>
      recordEvent(
        db,
        {
          type: 'module.uninstalled',
          engagementId: engagement.id,
          orgId: engagement.orgId,
          data: { engagement_id: engagement.id, module },
        },
        { onlyIf },
      ),
    ),
  ];
}

/** Batch statements creating `installing` rows for every module of the engagement, when `onlyIf` holds. */
export function installingStatements(db: Db, engagement: Engagement, onlyIf: SQL, now: string) {
  return engagement.modules.map((module) =>
    insertIf(
      db,
      engagementModules,
      { engagementId: engagement.id, module, status: 'installing', createdAt: now, updatedAt: now },
      onlyIf,
    ).onConflictDoUpdate({
      target: [engagementModules.engagementId, engagementModules.module],
      set: { status: 'installing', error: null, updatedAt: now },
    }),
  );
}

/** Sweep: modules left `installing` (a crash after accept) on engagements that are still active. */
export async function finishStuckInstalls(db: Db, isKnown: (code: string) => boolean, olderThanMs = 60_000) {
  const cutoff = new Date(Date.now() - olderThanMs).toISOString();
  const stuck = await db
    .selectDistinct({ engagementId: engagementModules.engagementId })
    .from(engagementModules)
    .where(and(eq(engagementModules.status, 'installing'), lt(engagementModules.updatedAt, cutoff)));
  let finished = 0;
  for (const { engagementId } of stuck) {
    const engagement = await db.query.engagements.findFirst({ where: eq(engagements.id, engagementId) });
    if (engagement?.status !== 'active') continue;
    await installModules(db, engagement, isKnown);
    finished++;
  }
  return finished;
}
