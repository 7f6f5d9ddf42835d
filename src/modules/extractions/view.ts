// An extraction as the API shows it.
import type { Extraction, ExtractionEntity, ExtractionPage } from '../../db/schema';
import type { ExtractionView } from './schema';

export function toExtractionView(
  row: Extraction,
  entities: ExtractionEntity[],
  pages: ExtractionPage[],
): ExtractionView {
  return {
    ...summary(row),
    entities: entities.map((e) => ({
      type: e.type as ExtractionView['entities'][number]['type'],
      value: e.value,
      confidence: e.confidence,
      source_url: e.sourceUrl,
      ...(e.role ? { role: e.role } : {}),
      ...(e.verification ? { verification: e.verification } : {}),
    })),
    pages: pages.map((p) => ({
      url: p.url,
      page_type: p.pageType,
      status_code: p.statusCode,
      fetch_ms: p.fetchMs,
      error: p.error,
    })),
  };
}

export function summary(row: Extraction) {
  return {
    id: row.id,
    url: row.url,
    normalized_url: row.normalizedUrl,
    status: row.status,
    progress: row.progress,
    confidence: row.confidence,
    error: row.error,
    task_id: row.taskId,
    created_at: row.createdAt,
    completed_at: row.completedAt,
  };
}
