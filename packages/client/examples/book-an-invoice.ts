// The README's example, type-checked by `bun run typecheck` (run it with `bun packages/client/examples/book-an-invoice.ts`
// against `bun run dev`, with ENGAGE_API_KEY set to a key of Acme's).
import { readFileSync } from 'node:fs';
import { ApiProblem, createEngageClient, idempotencyKey, ok } from '../src';

const ENGAGEMENT = 'eng_000000000000000000ACMEANNA';
const engage = createEngageClient({
  baseUrl: process.env.ENGAGE_URL ?? 'http://localhost:8787',
  token: process.env.ENGAGE_API_KEY,
});

try {
  // Upload an invoice (raw bytes: the API sniffs the type), create a task for it, read the result.
  const file = await ok(
    engage.POST('/v1/files', {
      params: { query: { purpose: 'invoice', name: 'invoice.pdf', engagement_id: ENGAGEMENT } },
      body: readFileSync('demo/einvoice-factur-x.pdf') as never,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'Content-Type': 'application/pdf' },
    }),
  );
  const task = await ok(
    engage.POST('/v1/engagements/{id}/tasks', {
      params: { path: { id: ENGAGEMENT } },
      body: {
        title: 'Supplier invoice',
        module: 'CTAX',
        type: 'process_invoice',
        input: { file_id: file.id },
        priority: 'normal',
      },
      headers: { 'Idempotency-Key': idempotencyKey() },
    }),
  );
  for (let i = 0; i < 40; i++) {
    const current = await ok(engage.GET('/v1/tasks/{id}', { params: { path: { id: task.id } } }));
    if (current.status !== 'queued' && current.status !== 'in_progress') {
      console.log(current.status, current.model_used, current.output);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
} catch (error) {
  if (error instanceof ApiProblem) console.error(error.status, error.title, error.detail, error.errors);
  else throw error;
}
