// A company's memory of a site: every entity its completed extractions of that site (registrable domain)
// found, merged by type and value — first seen, last seen, in how many runs, on which pages — and, relative
// to one run, what changed: new in it, kept from before, or gone (found before, not this time). Read from the
// extractions themselves (their `site` column, set when each was created), so there is nothing to keep in
// step; runs made before sites were recorded are not part of it.
import { and, eq, lte, sql } from 'drizzle-orm';
import { extractionEntities, extractions } from '../../db/schema';
import { conflict } from '../../lib/errors';
import type { TenantScope } from '../../lib/tenancy';
import type { SiteMemory } from './schema';

/** Pages named per entity, at most: enough to open the evidence, not a crawl log. */
const MAX_SOURCES = 5;

export async function siteMemory(scope: TenantScope, id: string): Promise<SiteMemory> {
  const run = await scope.extraction(id);
  if (run.status !== 'completed')
    throw conflict(`The extraction is ${run.status}: its site's memory is read against a completed run`);
  if (!run.site) throw conflict('This extraction was made before sites were recorded: it has no memory');

  // This company's completed runs of the site, up to this one (ids are ordered by time).
  const runs = and(
    eq(extractions.orgId, run.orgId),
    eq(extractions.site, run.site),
    eq(extractions.status, 'completed'),
    lte(extractions.id, run.id),
  );
  const [[counts], rows] = await scope.db.batch([
    scope.db
      .select({
        runs: sql<number>`count(*)`,
        previous: sql<string | null>`max(CASE WHEN ${extractions.id} < ${run.id} THEN ${extractions.id} END)`,
      })
      .from(extractions)
      .where(runs),
    scope.db
      .select({
        type: extractionEntities.type,
        value: extractionEntities.value,
        role: sql<string | null>`max(${extractionEntities.role})`,
        firstSeen: sql<string>`min(${extractions.completedAt})`,
        lastSeen: sql<string>`max(${extractions.completedAt})`,
        runs: sql<number>`count(DISTINCT ${extractions.id})`,
        inThisRun: sql<number>`max(${extractions.id} = ${run.id})`,
        inEarlierRun: sql<number>`max(${extractions.id} < ${run.id})`,
        sources: sql<string>`json_group_array(DISTINCT ${extractionEntities.sourceUrl})`,
      })
      .from(extractionEntities)
      .innerJoin(extractions, eq(extractions.id, extractionEntities.extractionId))
      .where(runs)
      .groupBy(extractionEntities.type, extractionEntities.value)
      .orderBy(extractionEntities.type, extractionEntities.value),
  ]);

  return {
    site: run.site,
    extraction_id: run.id,
    runs: Number(counts?.runs ?? 1),
    previous_extraction_id: counts?.previous ?? null,
    entities: rows.map((row) => ({
      type: row.type as SiteMemory['entities'][number]['type'],
      value: row.value,
      ...(row.role ? { role: row.role } : {}),
      change: Number(row.inThisRun) ? (Number(row.inEarlierRun) ? 'kept' : 'new') : 'gone',
      first_seen_at: row.firstSeen,
      last_seen_at: row.lastSeen,
      runs: Number(row.runs),
      sources: (JSON.parse(row.sources) as string[]).slice(0, MAX_SOURCES),
    })),
  };
}
