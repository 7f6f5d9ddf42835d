// Every test file starts from the same migrations production uses (storage is isolated per file).
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, expect } from 'vitest';
import { isEventType, parseEventData } from '../src/events/catalog';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// Every event any test file recorded, through whatever flow, must match its type's schema in the event
// catalog: what webhooks, the room and GET /v1/events carry is what /v1/event-types documents. (Rows with
// types outside the catalog are the relay tests' own.)
afterAll(async () => {
  const { results } = await env.DB.prepare('SELECT id, type, data FROM events').all<{
    id: string;
    type: string;
    data: string;
  }>();
  const wrong = results
    .filter((row) => isEventType(row.type))
    .map((row) => ({ row, parsed: parseEventData(row.type, JSON.parse(row.data)) }))
    .filter(({ parsed }) => !parsed.success)
    .map(({ row, parsed }) => `${row.type} ${row.data.slice(0, 200)}: ${parsed.success ? '' : parsed.error}`);
  expect(wrong).toEqual([]);
});
