// The MCP server through the SDK's own client: tools listed with the REST operations' schemas, an agent's
// upload → task → result, resources, idempotency through a tool argument, scopes and tenancy exactly as REST,
// HTTP-level refusals as problem+json, no tool argument that makes it fail; sessions whose subscriptions are
// told on the session's event stream, once per change, replayed after a reconnect, to their owner only.
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { relayPending } from '../../src/events/relay';
import { notifyMcpSubscribers } from '../../src/modules/mcp/notify';
import { MAX_SESSIONS_PER_OWNER } from '../../src/modules/mcp/sessions';
import { installNetwork } from '../extractions/network';
import { call, expectProblem, json, signupCompany } from '../helpers';
import { activeEngagement, anotherCleanInvoice, invoicePdf } from '../tasks/fixtures';
import {
  base64,
  bodyOf,
  closeClients,
  connect,
  connectWithTransport,
  keyOf,
  QUEUE_WORK_TIMEOUT_MS,
  type ToolResult,
  taskInReview,
  textOf,
  until,
  updatesOf,
  waitForResource,
} from './client';

afterEach(async () => {
  // Each client holds its session's event stream open: close them, as an agent does when it is done.
  await closeClients();
  vi.restoreAllMocks();
});

describe('MCP server', () => {
  it('lists the tools with the schemas of their REST operations', async () => {
    const company = await signupCompany();
    const client = await connect(await keyOf(company));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'create_task',
        'get_balance',
        'get_engagement',
        'get_extraction',
        'get_task',
        'list_engagements',
        'list_payments',
        'list_tasks',
        'review_task',
        'start_extraction',
        'upload_file',
      ].sort(),
    );
    const create = tools.find((t) => t.name === 'create_task');
    expect(Object.keys(create?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining([
        'engagement_id',
        'title',
        'module',
        'type',
        'input',
        'priority',
        'idempotency_key',
      ]),
    );
    expect(create?.inputSchema.required).toEqual(
      expect.arrayContaining(['engagement_id', 'title', 'module', 'type']),
    );
    // The same enum as the REST schema.
    const doc = await json(await call('/v1/openapi.json'));
    const restModule = doc.components.schemas.CreateTask.properties.module;
    expect(create?.inputSchema.properties?.module).toEqual(restModule);
    const upload = tools.find((t) => t.name === 'upload_file');
    expect(upload?.inputSchema.required).toEqual(['purpose']);
    expect(Object.keys(upload?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['content_base64', 'url']),
    );
  });

  it(
    'lets an agent upload an invoice, create a task and read its result as a resource',
    async () => {
      const parties = await activeEngagement();
      const client = await connect(await keyOf(parties.company));
      const uploaded = await client.callTool({
        name: 'upload_file',
        arguments: {
          purpose: 'invoice',
          name: 'invoice.pdf',
          engagement_id: parties.engagementId,
          content_base64: base64(await invoicePdf(anotherCleanInvoice())),
        },
      });
      expect((uploaded as ToolResult).isError).toBeFalsy();
      const file = bodyOf(uploaded);
      expect(file).toMatchObject({ mime_type: 'application/pdf', purpose: 'invoice' });

      const created = await client.callTool({
        name: 'create_task',
        arguments: {
          engagement_id: parties.engagementId,
          title: 'Supplier invoice',
          module: 'CTAX',
          type: 'process_invoice',
          input: { file_id: file.id },
        },
      });
      const task = bodyOf(created);
      expect(task.status).toBe('queued');
      const link = (created as ToolResult).content.find((c) => c.type === 'resource_link');
      expect(link?.uri).toBe(`engage://tasks/${task.id}`);

      const done = await waitForResource(client, `engage://tasks/${task.id}`, [
        'completed',
        'needs_review',
        'failed',
      ]);
      expect(done.status).toBe('completed');
      expect(done.output.invoice_number).toMatch(/^RE-2026-/);
      const listed = await client.listResources();
      expect(listed.resources.map((r) => r.uri)).toContain(`engage://tasks/${task.id}`);
      const credits = bodyOf(await client.callTool({ name: 'get_balance', arguments: {} }));
      expect(typeof credits.balance).toBe('number');
    },
    QUEUE_WORK_TIMEOUT_MS,
  );

  it('honours an idempotency key given as a tool argument', async () => {
    const parties = await activeEngagement();
    const client = await connect(await keyOf(parties.company));
    const args = {
      engagement_id: parties.engagementId,
      title: 'Once',
      module: 'CTAX',
      type: 'process_invoice',
      input: { text: anotherCleanInvoice() },
      idempotency_key: 'agent-attempt-1',
    };
    const first = bodyOf(await client.callTool({ name: 'create_task', arguments: args }));
    const again = bodyOf(await client.callTool({ name: 'create_task', arguments: args }));
    expect(again.id).toBe(first.id);
    const other = await client.callTool({ name: 'create_task', arguments: { ...args, title: 'Other' } });
    expect((other as ToolResult).isError).toBe(true);
    expect(bodyOf(other).status).toBe(409);
  });

  it('applies the key’s scopes and the tenancy of the REST routes to every tool', async () => {
    const parties = await activeEngagement();
    const owner = await connect(await keyOf(parties.company));
    const task = bodyOf(
      await owner.callTool({
        name: 'create_task',
        arguments: {
          engagement_id: parties.engagementId,
          title: 'Mine',
          module: 'CTAX',
          type: 'process_invoice',
          input: { text: anotherCleanInvoice() },
        },
      }),
    );

    const readOnly = await connect(await keyOf(parties.company, ['tasks:read']));
    const refused = await readOnly.callTool({
      name: 'create_task',
      arguments: {
        engagement_id: parties.engagementId,
        title: 'x',
        module: 'CTAX',
        type: 'process_invoice',
        input: {},
      },
    });
    expect((refused as ToolResult).isError).toBe(true);
    expect(bodyOf(refused)).toMatchObject({ status: 403, detail: expect.stringContaining('tasks:write') });
    expect(
      (await readOnly.callTool({ name: 'get_task', arguments: { task_id: task.id } })).isError,
    ).toBeFalsy();

    const stranger = await connect(await keyOf(await signupCompany('Globex')));
    const hidden = await stranger.callTool({ name: 'get_task', arguments: { task_id: task.id } });
    expect(bodyOf(hidden).status).toBe(404);
    await expect(stranger.readResource({ uri: `engage://tasks/${task.id}` })).rejects.toThrow(/not found/i);
    const engagement = await stranger.callTool({
      name: 'get_engagement',
      arguments: { engagement_id: parties.engagementId },
    });
    expect(bodyOf(engagement).status).toBe(404);
  });

  it('answers HTTP-level refusals as problem+json carrying the JSON-RPC error', async () => {
    const company = await signupCompany();
    const key = await keyOf(company);
    await expectProblem(await call('/v1/mcp', { method: 'POST', json: {} }), 401);
    const garbage = await expectProblem(
      await call('/v1/mcp', {
        method: 'POST',
        token: key,
        body: '{not json',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      }),
      400,
    );
    expect(garbage.error.code).toBe(-32700);
    // The event stream belongs to a session, and only to its owner.
    await expectProblem(await call('/v1/mcp', { token: key }), 406);
    const stream = { token: key, headers: { Accept: 'text/event-stream' } };
    expect((await expectProblem(await call('/v1/mcp', stream), 400)).detail).toContain('Mcp-Session-Id');
    const unknown = await call('/v1/mcp', {
      ...stream,
      headers: { ...stream.headers, 'Mcp-Session-Id': 'mcs_nope' },
    });
    expect((await expectProblem(unknown, 404)).error.code).toBe(-32001);
  });

  it('answers an object where a parameter belongs with a tool error naming it', async () => {
    const parties = await activeEngagement();
    const client = await connect(await keyOf(parties.company));
    const result = (await client.callTool({
      name: 'get_task',
      // The fuzz found it: an object whose toString is no function cannot even be made text.
      arguments: { task_id: { toString: 'x' } },
    })) as ToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('task_id must be a string');
  });

  it('turns any tool arguments into a result or a tool error, never a failure', async () => {
    // Whatever a fuzzed extraction or upload fetches is answered here, never by the real network.
    installNetwork([]);
    const parties = await activeEngagement();
    const client = await connect(await keyOf(parties.company));
    const { tools } = await client.listTools();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...tools.map((t) => t.name)),
        fc.dictionary(
          fc.constantFrom(
            'engagement_id',
            'task_id',
            'extraction_id',
            'purpose',
            'content_base64',
            'url',
            'status',
            'limit',
            'approve',
            'title',
            'module',
            'type',
            'input',
            'priority',
            'x',
          ),
          fc.oneof(
            fc.string(),
            fc.integer(),
            fc.boolean(),
            fc.constant(null),
            fc.object(),
            // Values that pass the first checks, so the fuzz reaches past them.
            fc.constantFrom(parties.engagementId, 'CTAX', 'process_invoice', 'invoice', 'https://a.example'),
          ),
        ),
        async (name, args) => {
          const result = (await client.callTool({ name, arguments: args })) as ToolResult;
          if (result.isError) {
            const text = textOf(result);
            if (text.startsWith('{')) expect(JSON.parse(text).status).toBeLessThan(500);
          }
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);
});

/** A stand-in change event of a task, as the relay hands it to the handler. */
const taskEvent = (id: string, taskId: string) => ({
  id,
  type: 'task.requeued',
  seq: null,
  engagement_id: null,
  org_id: null,
  data: { task_id: taskId },
  created_at: new Date().toISOString(),
});

/** The `data:` lines of an SSE stream until `count` messages have come (or the stream ends). */
async function sseMessages(response: Response, count: number): Promise<{ id: string; data: string }[]> {
  const reader = (response.body as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream())
    .getReader();
  let text = '';
  const messages = () =>
    text
      .split('\n\n')
      .map((block) => ({
        id: /^id: (.*)$/m.exec(block)?.[1] ?? '',
        data: /^data: (.+)$/m.exec(block)?.[1] ?? '',
      }))
      .filter((m) => m.data);
  while (messages().length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  await reader.cancel();
  return messages();
}

describe('MCP resource subscriptions', () => {
  it('tells a subscribed session on its event stream when the task changes', async () => {
    const parties = await activeEngagement();
    const { client, transport } = await connectWithTransport(await keyOf(parties.company));
    expect(transport.sessionId).toMatch(/^mcs_/);
    expect(client.getServerCapabilities()?.resources?.subscribe).toBe(true);
    const updates = updatesOf(client);
    const task = await taskInReview(parties);
    const uri = `engage://tasks/${task.id}`;
    await client.subscribeResource({ uri });

    // The expert approves over REST: the agent hears of it and reads the result.
    const reviewed = await call(`/v1/tasks/${task.id}/review`, {
      token: parties.expert.token,
      json: { approve: true },
    });
    expect(reviewed.status).toBe(200);
    await until(() => updates.includes(uri), 'the change notification');
    const read = await client.readResource({ uri });
    expect(JSON.parse(String((read.contents[0] as { text: string }).text)).status).toBe('completed');

    // Unsubscribed, it hears no more.
    await client.unsubscribeResource({ uri });
    const heard = updates.length;
    await notifyMcpSubscribers.run(env, taskEvent(`evt_after_unsubscribe_${task.id}`, task.id));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(updates.length).toBe(heard);
  });

  it('tells each change once however often the event is delivered, and replays what a reconnect missed', async () => {
    const parties = await activeEngagement();
    const key = await keyOf(parties.company);
    const [first, second] = [await taskInReview(parties), await taskInReview(parties)];
    // The tasks' own events (started, needs_review) go out before anyone subscribes: counted below is only
    // what the test sends.
    await relayPending(env);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { client, transport } = await connectWithTransport(key);
    const updates = updatesOf(client);
    await client.subscribeResource({ uri: `engage://tasks/${first.id}` });
    await client.subscribeResource({ uri: `engage://tasks/${second.id}` });

    const once = taskEvent(`evt_redelivered_${first.id}`, first.id);
    await notifyMcpSubscribers.run(env, once);
    await notifyMcpSubscribers.runMany?.(env, [once]);
    // One stream, in order: a duplicate of the first would arrive before this change of the second.
    await notifyMcpSubscribers.run(env, taskEvent(`evt_fence_${second.id}`, second.id));
    await until(() => updates.includes(`engage://tasks/${second.id}`), 'the fence');
    expect(updates.filter((uri) => uri === `engage://tasks/${first.id}`)).toHaveLength(1);

    // A client reconnecting with Last-Event-ID 0 gets everything it may have missed, in order.
    const replay = await call('/v1/mcp', {
      token: key,
      headers: {
        Accept: 'text/event-stream',
        'Mcp-Session-Id': transport.sessionId ?? '',
        'Last-Event-ID': '0',
      },
    });
    expect(replay.headers.get('Content-Type')).toBe('text/event-stream');
    const replayed = await sseMessages(replay, 2);
    expect(replayed.map((m) => JSON.parse(m.data).params.uri)).toEqual([
      `engage://tasks/${first.id}`,
      `engage://tasks/${second.id}`,
    ]);
    expect(Number(replayed[1]?.id)).toBeGreaterThan(Number(replayed[0]?.id));
  });

  it('keeps at most MAX_SESSIONS_PER_OWNER sessions per key: the least recently used go first', async () => {
    const company = await signupCompany();
    const key = await keyOf(company);
    const initialize = async () => {
      const response = await call('/v1/mcp', {
        method: 'POST',
        token: key,
        json: {
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 't', version: '1' },
          },
        },
        headers: { Accept: 'application/json, text/event-stream' },
      });
      expect(response.status).toBe(200);
      return response.headers.get('Mcp-Session-Id') ?? '';
    };
    const ids: string[] = [];
    for (let i = 0; i <= MAX_SESSIONS_PER_OWNER; i++) ids.push(await initialize());
    const usable = async (id: string) =>
      (
        await call('/v1/mcp', {
          method: 'POST',
          token: key,
          json: { jsonrpc: '2.0', id: 2, method: 'tools/list' },
          headers: { Accept: 'application/json, text/event-stream', 'Mcp-Session-Id': id },
        })
      ).status;
    expect(await usable(ids[0] ?? '')).toBe(404);
    expect(await usable(ids[1] ?? '')).toBe(200);
    expect(await usable(ids.at(-1) ?? '')).toBe(200);
  });

  it('keeps sessions to their owner and resources to their tenant, and ends a session on DELETE', async () => {
    const parties = await activeEngagement();
    const task = await taskInReview(parties);
    const { transport } = await connectWithTransport(await keyOf(parties.company));
    const stranger = await signupCompany();
    const strangerKey = await keyOf(stranger);

    // Another company cannot subscribe to the task: not found, as over REST.
    const theirs = await connect(strangerKey);
    await expect(theirs.subscribeResource({ uri: `engage://tasks/${task.id}` })).rejects.toThrow(
      /not found/i,
    );
    // Nor use the session: it does not exist for them.
    const sessionId = transport.sessionId ?? '';
    const borrowed = await call('/v1/mcp', {
      token: strangerKey,
      headers: { Accept: 'text/event-stream', 'Mcp-Session-Id': sessionId },
    });
    await expectProblem(borrowed, 404);
    await expectProblem(
      await call('/v1/mcp', {
        method: 'DELETE',
        token: strangerKey,
        headers: { 'Mcp-Session-Id': sessionId },
      }),
      404,
    );

    // The owner ends it: its id is then unknown, and a client must initialize anew.
    await transport.terminateSession();
    const after = await call('/v1/mcp', {
      method: 'POST',
      token: await keyOf(parties.company),
      json: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      headers: { Accept: 'application/json, text/event-stream', 'Mcp-Session-Id': sessionId },
    });
    expect((await expectProblem(after, 404)).error.code).toBe(-32001);
  });
});
