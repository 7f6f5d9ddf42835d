// The calls the typed client cannot make as they are: a CSV body sent as it is, and the export fetched with
// the session's credentials (a plain link could not send them) and saved as a file.

import type { Schemas } from '../../api/client';
import { idempotencyKey } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { session } from '../../session';

export type Batch = Schemas['ExtractionBatch'];

async function authorized(path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  const token = session.token();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch (cause) {
    throw ApiProblem.network(cause);
  }
  if (!response.ok) throw ApiProblem.from(response, await response.json().catch(() => null));
  return response;
}

export async function createBatch(file: File, urlColumn: string | undefined): Promise<Batch> {
  const query = urlColumn ? `?url_column=${encodeURIComponent(urlColumn)}` : '';
  const response = await authorized(`/v1/extraction-batches${query}`, {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': 'text/csv', 'Idempotency-Key': idempotencyKey() },
  });
  return (await response.json()) as Batch;
}

export async function downloadExport(id: string) {
  const response = await authorized(`/v1/extraction-batches/${encodeURIComponent(id)}/export.csv`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${id}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
