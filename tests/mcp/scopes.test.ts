// Every tool needs the scope of its REST operation: a key without it gets the REST route's own 403
// problem+json naming the scope, before the tool does any work of its own — an upload from a URL fetches nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCOPES } from '../../src/modules/api-keys/scopes';
import { installNetwork } from '../extractions/network';
import { type CallOptions, call, json } from '../helpers';
import { activeEngagement, type Parties } from '../tasks/fixtures';
import { bodyOf, closeClients, connect, keyOf, type ToolResult } from './client';

afterEach(async () => {
  await closeClients();
  vi.restoreAllMocks();
});

const SUPPLIER_URL = 'https://files.lieferant-test.de/rechnungen/RE-2026-0815.pdf';
const TASK_ID = 'tsk_01JABCDEFGHJKMNPQRSTVWXYZ0';
const EXTRACTION_ID = 'ext_01JABCDEFGHJKMNPQRSTVWXYZ0';

interface Row {
  tool: string;
  scope: string;
  args: (p: Parties) => Record<string, unknown>;
  /** The same request over REST: its path and options. */
  rest: (p: Parties) => [string, CallOptions?];
}

const taskArgs = { title: 'Supplier invoice', module: 'CTAX', type: 'process_invoice', input: { text: 'x' } };

const TOOLS: Row[] = [
  { tool: 'list_engagements', scope: 'engagements:read', args: () => ({}), rest: () => ['/v1/engagements'] },
  {
    tool: 'get_engagement',
    scope: 'engagements:read',
    args: (p) => ({ engagement_id: p.engagementId }),
    rest: (p) => [`/v1/engagements/${p.engagementId}`],
  },
  {
    tool: 'create_task',
    scope: 'tasks:write',
    args: (p) => ({ engagement_id: p.engagementId, ...taskArgs }),
    rest: (p) => [`/v1/engagements/${p.engagementId}/tasks`, { json: taskArgs }],
  },
  {
    tool: 'get_task',
    scope: 'tasks:read',
    args: () => ({ task_id: TASK_ID }),
    rest: () => [`/v1/tasks/${TASK_ID}`],
  },
  { tool: 'list_tasks', scope: 'tasks:read', args: () => ({}), rest: () => ['/v1/tasks'] },
  {
    tool: 'review_task',
    scope: 'tasks:write',
    args: () => ({ task_id: TASK_ID, approve: true }),
    rest: () => [`/v1/tasks/${TASK_ID}/review`, { json: { approve: true } }],
  },
  {
    tool: 'start_extraction',
    scope: 'extractions:write',
    args: () => ({ url: 'https://www.lieferant-test.de' }),
    rest: () => ['/v1/extractions', { json: { url: 'https://www.lieferant-test.de' } }],
  },
  {
    tool: 'get_extraction',
    scope: 'extractions:read',
    args: () => ({ extraction_id: EXTRACTION_ID }),
    rest: () => [`/v1/extractions/${EXTRACTION_ID}`],
  },
  { tool: 'list_payments', scope: 'payments:read', args: () => ({}), rest: () => ['/v1/payments'] },
  {
    tool: 'upload_file',
    scope: 'files:write',
    args: () => ({ purpose: 'invoice', url: SUPPLIER_URL }),
    rest: () => [
      '/v1/files?purpose=invoice',
      {
        method: 'POST',
        body: new Uint8Array([0x25, 0x50, 0x44, 0x46]),
        headers: { 'Content-Type': 'application/pdf' },
      },
    ],
  },
  { tool: 'get_balance', scope: 'credits:read', args: () => ({}), rest: () => ['/v1/credits'] },
];

/** A problem+json without what names the one occurrence. */
const sameness = ({ instance: _instance, request_id: _requestId, ...problem }: Record<string, unknown>) =>
  problem;

describe('MCP tool scopes', () => {
  it('declares a row here for every tool the server lists', async () => {
    const client = await connect(await keyOf((await activeEngagement()).company));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS.map((row) => row.tool).sort());
  });

  it.each(TOOLS)(
    'refuses $tool to a key without $scope with the REST 403 naming it, doing nothing first',
    async ({ tool, scope, args, rest }) => {
      const parties = await activeEngagement();
      // Every scope but the one the tool needs.
      const key = await keyOf(
        parties.company,
        SCOPES.filter((s) => s !== scope),
      );
      const network = installNetwork([]);
      network.routes.set(
        SUPPLIER_URL,
        () => new Response('%PDF-1.4', { headers: { 'content-type': 'application/pdf' } }),
      );
      const client = await connect(key);
      const result = (await client.callTool({ name: tool, arguments: args(parties) })) as ToolResult;
      expect(result.isError).toBe(true);
      const problem = bodyOf(result);
      expect(problem).toMatchObject({
        status: 403,
        type: expect.stringContaining('missing-scope'),
        detail: expect.stringContaining(scope),
        scope,
      });
      // Nothing reached the outside world (an upload's URL is not even looked up).
      expect(network.fetched).toEqual([]);
      expect(network.resolved).toEqual([]);

      // The very refusal the REST route gives the same key.
      const [path, options] = rest(parties);
      const response = await call(path, { method: options ? 'POST' : 'GET', ...options, token: key });
      expect(response.status).toBe(403);
      expect(sameness(problem)).toEqual(sameness(await json(response)));
    },
  );
});
