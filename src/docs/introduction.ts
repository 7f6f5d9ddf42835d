// The introduction at the top of /docs (the OpenAPI document's info.description, Markdown): what every
// operation has in common, so each operation's own text can stay about itself.
import { PROBLEM_TYPES } from '../lib/errors';

export const INTRODUCTION = `
Engage connects companies with independent experts: engagements, AI tasks that complete on their own when
confident and go to the expert for review otherwise, website lead mining, payments and weekly payouts.

## Authentication
Send \`Authorization: Bearer <token>\` with every request.
- **People** sign in with \`POST /v1/auth/login\` and get a session token (a JWT, valid one hour).
- **Integrations** use API keys (\`POST /v1/api-keys\`), shown once. A key carries scopes such as
  \`tasks:read\`, \`tasks:write\`, \`files:write\`, \`extractions:write\`, \`payments:read\`, \`webhooks:manage\`;
  each operation names the scope it needs (\`x-scope\`), and a key without it gets a 403 naming it.
- **Agents** reach the same operations as tools through the MCP server at \`POST /v1/mcp\` with the same tokens.

A company sees only its own engagements, tasks, files and payments; an expert only the engagements they work
on. Someone else's resource answers 404, exactly like one that does not exist.

## Pagination
Lists return \`{ data: [...], next_cursor }\`, newest first. Pass \`?cursor=<next_cursor>\` for the next page and
\`?limit=\` (1–100, default 20); \`next_cursor: null\` means the end.

## Idempotency
Every POST that creates something accepts an \`Idempotency-Key\` header (any unique string, e.g. a UUID). The first
successful response is stored for 24 hours and replayed for a retry with the same key; the same key with a
different request is a 409. Retry network failures with the same key and nothing is created twice.

## Money
Amounts are integers in minor units (cents) with an ISO 4217 \`currency\` in lower case, as in Stripe.

## Errors
Every error is \`application/problem+json\` (RFC 9457): \`{ type, title, status, detail, errors? }\`. A body that
does not match the schema is a 422 with \`errors: [{ path, message }]\`; malformed JSON 400; unauthenticated
401; forbidden 403; not found (or not yours) 404; a conflicting change or illegal state transition 409; too
large 413; wrong content type 415; rate limited 429 with \`Retry-After\`. Problems with a meaning of their own
carry a \`type\` of \`https://engage.test/problems/<slug>\`, one of: ${Object.values(PROBLEM_TYPES)
  .map((slug) => `\`${slug}\``)
  .join(', ')}; everything else is \`about:blank\`.

## Events
Everything that happens is an event (\`task.completed\`, \`payment.succeeded\`, …). \`GET /v1/event-types\`
lists them with the schema of their \`data\`; each is also listed under **Webhooks** below. Receive them by
registering a webhook endpoint (\`POST /v1/webhook-endpoints\`): deliveries are signed as Standard Webhooks
(\`webhook-id\`, \`webhook-timestamp\`, \`webhook-signature\`), retried with back-off, and can be replayed. The
dashboard and engagement members get the same events live over WebSocket rooms.
`.trim();
