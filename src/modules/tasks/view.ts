// A task as the API shows it.
import type { Task } from '../../db/schema';

export function toTaskView(row: Task) {
  const fileId = typeof row.input.file_id === 'string' ? row.input.file_id : null;
  return {
    id: row.id,
    engagement_id: row.engagementId,
    title: row.title,
    module: row.module,
    type: row.type,
    priority: row.priority,
    status: row.status,
    input: row.input,
    input_file_url: fileId ? `/v1/files/${fileId}` : null,
    output: row.output ?? null,
    checks: row.checks ?? null,
    ai_confidence: row.aiConfidence,
    ai_handled: row.aiHandled,
    model_used: row.modelUsed,
    error: row.error,
    review: row.review ?? null,
    attempts: row.attempts,
    created_at: row.createdAt,
    started_at: row.startedAt,
    completed_at: row.completedAt,
  };
}
