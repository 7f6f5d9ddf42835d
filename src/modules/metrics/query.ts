// Reading metrics: the requested series over [from, to) in buckets of an hour or a day, as [time, value]
// pairs with every bucket present (a chart needs the gaps). Stored series aggregate as declared, derived
// ones are computed per bucket from the stored values of that bucket.
import { and, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { metricPoints } from '../../db/schema';
import { ApiError } from '../../lib/errors';
import { inJsonList } from '../../lib/json-rows';
import { DERIVED_SERIES, STORED_BY_NAME } from './series';

export type Step = 'hour' | 'day';
const STEP_MS: Record<Step, number> = { hour: 3_600_000, day: 86_400_000 };
const MAX_BUCKETS = 2000;

export interface MetricsQuery {
  orgId: string;
  series: string[];
  from: Date;
  to: Date;
  step: Step;
}

export async function readMetrics(db: Db, query: MetricsQuery) {
  const stepMs = STEP_MS[query.step];
  const start = Math.floor(query.from.getTime() / stepMs) * stepMs;
  const buckets = Math.ceil((query.to.getTime() - start) / stepMs);
  if (buckets > MAX_BUCKETS)
    throw new ApiError(
      422,
      `At most ${MAX_BUCKETS} points per series; choose a larger step or a shorter range`,
      {
        errors: [{ path: 'step', message: `${buckets} buckets` }],
      },
    );
  // Only the stored series asked for or derived from: one JSON parameter, however many.
  const wanted = new Set(
    query.series.flatMap((name) => DERIVED_SERIES.find((d) => d.name === name)?.inputs ?? [name]),
  );
  const rows = await db
    .select({ series: metricPoints.series, hour: metricPoints.hour, value: metricPoints.value })
    .from(metricPoints)
    .where(
      and(
        eq(metricPoints.orgId, query.orgId),
        inJsonList(metricPoints.series, [...wanted]),
        gte(metricPoints.hour, new Date(start).toISOString()),
        lt(metricPoints.hour, query.to.toISOString()),
      ),
    )
    .orderBy(metricPoints.hour);
  // Per bucket, per stored series: the aggregated value (undefined: no data).
  const values = Array.from({ length: Math.max(buckets, 0) }, () => new Map<string, number>());
  for (const row of rows) {
    const i = Math.floor((Date.parse(row.hour) - start) / stepMs);
    const bucket = values[i];
    const spec = STORED_BY_NAME.get(row.series);
    if (!bucket || !spec) continue;
    const before = bucket.get(row.series);
    bucket.set(
      row.series,
      before === undefined
        ? row.value
        : spec.aggregate === 'sum'
          ? before + row.value
          : spec.aggregate === 'max'
            ? Math.max(before, row.value)
            : row.value, // last: rows come in time order
    );
  }
  const series: Record<string, [string, number | null][]> = {};
  for (const name of query.series) {
    const derived = DERIVED_SERIES.find((d) => d.name === name);
    const stored = STORED_BY_NAME.get(name);
    series[name] = values.map((bucket, i) => {
      const at = new Date(start + i * stepMs).toISOString();
      if (derived) return [at, derived.derive((s) => bucket.get(s) ?? 0)];
      const value = bucket.get(name);
      return [at, value ?? (stored?.aggregate === 'sum' ? 0 : null)];
    });
  }
  return { from: new Date(start).toISOString(), to: query.to.toISOString(), step: query.step, series };
}
