// Arranging invoice tasks through the public API (what the review page under test then shows): upload a
// demo document, create the CTAX task, wait until the queue has processed it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { apiGet, baseUrl } from './browser';

export const DEMO = path.resolve(import.meta.dirname, '../../../demo');
export const ACME_ANNA = 'eng_000000000000000000ACMEANNA';

export interface TaskView {
  id: string;
  status: string;
  output?: Record<string, unknown> | null;
  checks?: { name: string; passed: boolean; detail?: string }[] | null;
}

async function post<T>(token: string, pathname: string, body: BodyInit, json = false): Promise<T> {
  const response = await fetch(`${baseUrl()}${pathname}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'idempotency-key': crypto.randomUUID(),
      ...(json ? { 'content-type': 'application/json' } : {}),
    },
    body,
  });
  if (!response.ok) throw new Error(`POST ${pathname}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A CTAX invoice task for a demo file (`input.file_id`) or pasted text (`input.text`). */
export async function createInvoiceTask(
  token: string,
  title: string,
  source: { file: string } | { text: string },
): Promise<TaskView> {
  let input: Record<string, string>;
  if ('file' in source) {
    const form = new FormData();
    const bytes = readFileSync(path.join(DEMO, source.file));
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), source.file);
    form.append('purpose', 'invoice');
    form.append('engagement_id', ACME_ANNA);
    const file = await post<{ id: string }>(token, '/v1/files', form);
    input = { file_id: file.id };
  } else input = { text: source.text };
  const body = JSON.stringify({ title, module: 'CTAX', type: 'process_invoice', input });
  return post<TaskView>(token, `/v1/engagements/${ACME_ANNA}/tasks`, body, true);
}

/** Polls until the task has left the queue (completed, needs_review or failed). */
export async function processed(token: string, id: string, timeoutMs = 45_000): Promise<TaskView> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const task = await apiGet<TaskView>(token, `/v1/tasks/${id}`);
    if (!['queued', 'in_progress'].includes(task.status)) return task;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`task ${id} was not processed within ${timeoutMs / 1000} s`);
}
