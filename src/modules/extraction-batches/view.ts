// A batch and its rows as the API shows them.
import type { ExtractionBatch, ExtractionBatchRow } from '../../db/schema';
import type { BatchView } from './schema';

export function toBatchView(row: ExtractionBatch): BatchView {
  return {
    id: row.id,
    status: row.status,
    source: row.source,
    columns: row.columns,
    url_column: row.urlColumn,
    counts: row.counts,
    sites: row.sites,
    reused: row.reused,
    cancel_requested_at: row.cancelRequestedAt,
    created_at: row.createdAt,
    completed_at: row.completedAt,
  };
}

export function toBatchRowView(row: ExtractionBatchRow) {
  return {
    row: row.position + 1,
    url: row.url,
    normalized_url: row.normalizedUrl,
    site: row.site,
    status: row.status,
    error: row.error,
    extraction_id: row.extractionId,
  };
}
