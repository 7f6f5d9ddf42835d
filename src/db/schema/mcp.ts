// MCP sessions: an agent's connection to /v1/mcp after `initialize`, owned by the key or person that opened
// it, and the resources it subscribed to (a change to one is pushed to the session's event stream, which
// lives in its McpSession Durable Object). Idle sessions are pruned by the sweep.
import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

export const mcpSessions = sqliteTable(
  'mcp_sessions',
  {
    id: text('id').primaryKey(),
    /** `key:<api key id>` or `user:<user id>`: only the same principal may use the session. */
    owner: text('owner').notNull(),
    createdAt: timestamp('created_at'),
    lastUsedAt: timestamp('last_used_at'),
  },
  (t) => [index('mcp_sessions_last_used').on(t.lastUsedAt)],
);

export const mcpSubscriptions = sqliteTable(
  'mcp_subscriptions',
  {
    sessionId: text('session_id').notNull(),
    /** `engage://tasks/{id}` or `engage://extractions/{id}`. */
    uri: text('uri').notNull(),
    createdAt: timestamp('created_at'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.uri] }), index('mcp_subscriptions_uri').on(t.uri)],
);
