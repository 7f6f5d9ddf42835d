// Event handler: a change to a task or an extraction is told to the MCP sessions subscribed to it, as
// `notifications/resources/updated` on their event streams. The notification names only the resource; the
// agent reads it again with its own credentials, so nothing crosses tenants here.
import { createDb } from '../../db/client';
import type { EventHandler } from '../../events/dispatch';
import type { EventMessage } from '../../events/message';
import { subscribersOf } from './sessions';

/** The resources an event changes, as the URIs MCP clients read and subscribe to. */
export function resourcesOf(event: EventMessage): string[] {
  const uris: string[] = [];
  const { task_id: taskId, extraction_id: extractionId } = event.data;
  if (typeof taskId === 'string' && taskId) uris.push(`engage://tasks/${taskId}`);
  if (typeof extractionId === 'string' && extractionId) uris.push(`engage://extractions/${extractionId}`);
  return uris;
}

export const notifyMcpSubscribers: EventHandler = {
  name: 'mcp.resources_updated',
  // Each session keeps one notification per event and resource, whatever the redeliveries.
  deduplicatesByEventId: true,
  run: (env, event) => notifyAll(env, [event]),
  runMany: notifyAll,
};

/** One query for a batch of events, then one call per subscribed session with what changed for it. */
async function notifyAll(env: Env, events: EventMessage[]): Promise<void> {
  const changes = events.map((event) => ({ eventId: event.id, uris: resourcesOf(event) }));
  const uris = [...new Set(changes.flatMap((change) => change.uris))];
  if (uris.length === 0) return; // most events change no readable resource: no query for them
  const sessions = await subscribersOf(createDb(env.DB), uris);
  await Promise.all(
    [...sessions].map(([sessionId, subscribed]) => {
      const theirs = changes
        .map((change) => ({ ...change, uris: change.uris.filter((uri) => subscribed.includes(uri)) }))
        .filter((change) => change.uris.length > 0);
      return env.MCP_SESSION.get(env.MCP_SESSION.idFromName(sessionId)).notify(theirs);
    }),
  );
}
