// The reports that tune thresholds from evidence: an engagement's calibration (review outcomes per
// confidence band, with its automation figures) and the automation report across the tasks a caller sees.
import { and, eq, sql } from 'drizzle-orm';
import { taskReviews, tasks } from '../../db/schema';
import type { TenantScope } from '../../lib/tenancy';
import { automationFigures, emptyBands, ratio, reviewBand, taskFilter } from './automation';
import type { AutomationQuery } from './schema';

export async function calibration(scope: TenantScope, engagementId: string, query: AutomationQuery = {}) {
  const engagement = await scope.engagement(engagementId);
  const where = taskFilter(eq(tasks.engagementId, engagement.id), query);
  const rows = await scope.db
    .select({
      band: reviewBand,
      approved: sql<number>`sum(${taskReviews.approved})`,
      corrected: sql<number>`sum(${taskReviews.corrected})`,
      total: sql<number>`count(*)`,
    })
    .from(taskReviews)
    .innerJoin(tasks, eq(tasks.id, taskReviews.taskId))
    .where(and(eq(taskReviews.engagementId, engagement.id), where))
    .groupBy(reviewBand);
  const bands = emptyBands().map((band) => {
    const row = rows.find((r) => r.band === band.from);
    const reviewed = row?.total ?? 0;
    const approved = row?.approved ?? 0;
    return {
      ...band,
      reviewed,
      approved,
      rejected: reviewed - approved,
      corrected: row?.corrected ?? 0,
      approval_rate: ratio(approved, reviewed),
    };
  });
  return {
    engagement_id: engagement.id,
    threshold: engagement.reviewThreshold,
    reviews: bands.reduce((n, b) => n + b.reviewed, 0),
    bands,
    ...(await automationFigures(scope.db, where)),
  };
}

/** Across every engagement the caller sees: a company its own, an admin all (routes keep experts out). */
export function automationReport(scope: TenantScope, query: AutomationQuery) {
  return automationFigures(scope.db, taskFilter(scope.taskCondition(), query));
}
