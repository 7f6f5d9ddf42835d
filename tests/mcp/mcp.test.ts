// The MCP server through the SDK's own client: tools listed with the REST operations' schemas, an agent's
// upload → task → result, resources, idempotency through a tool argument, scopes and tenancy exactly as REST,
// HTTP-level refusals as problem+json, and no tool argument that makes it fail.
import { exports } from 'cloudflare:workers';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Account, call, expectProblem, json, ORIGIN, signupCompany } from '../helpers';
import { activeEngagement, anotherCleanInvoice, invoicePdf } from '../tasks/fixtures';

async function keyOf(company: Account, scopes?: string[]) {
  const response = await call('/v1/api-keys', {
    token: company.token,
    json: { name: 'agent', ...(scopes ? { scopes } : {}) },
  });
  return (await json(response)).key as string;
}

async function connect(token: string) {
  const transport = new StreamableHTTPClientTransport(new URL(`${ORIGIN}/v1/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
    fetch: (url, init) => exports.default.fetch(new Request(url, init)),
  });
  const client = new Client(
    { name: 'engage-test-agent', version: '1.0.0' },
    { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() },
  );
  await client.connect(transport);
  return client;
}

type ToolResult = { isError?: boolean; content: { type: string; text?: string; uri?: string }[] };
const textOf = (result: unknown) => (result as ToolResult).content.find((c) => c.type === 'text')?.text ?? '';
const bodyOf = (result: unknown) => JSON.parse(textOf(result));

const base64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));

async function waitForTask(client: Client, id: string) {
  for (let i = 0; i < 100; i++) {
    const read = await client.readResource({ uri: `engage://tasks/${id}` });
    const task = JSON.parse(String((read.contents[0] as { text: string }).text));
    if (['completed', 'needs_review', 'failed'].includes(task.status)) return task;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('task did not finish');
}

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
    expect(upload?.inputSchema.required).toEqual(['purpose', 'content_base64']);
  });

  it('lets an agent upload an invoice, create a task and read its result as a resource', async () => {
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

    const done = await waitForTask(client, task.id);
    expect(done.status).toBe('completed');
    expect(done.output.invoice_number).toMatch(/^RE-2026-/);
    const listed = await client.listResources();
    expect(listed.resources.map((r) => r.uri)).toContain(`engage://tasks/${task.id}`);
    const credits = bodyOf(await client.callTool({ name: 'get_balance', arguments: {} }));
    expect(typeof credits.balance).toBe('number');
  });

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
    const get = await expectProblem(await call('/v1/mcp', { token: key }), 405);
    expect(get.detail).toContain('stateless');
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
    const parties = await activeEngagement();
    const client = await connect(await keyOf(parties.company));
    const { tools } = await client.listTools();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          ...tools.map((t) => t.name).filter((n) => n !== 'create_task' && n !== 'start_extraction'),
        ),
        fc.dictionary(
          fc.constantFrom(
            'engagement_id',
            'task_id',
            'extraction_id',
            'purpose',
            'content_base64',
            'status',
            'limit',
            'approve',
            'x',
          ),
          fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.object()),
        ),
        async (name, args) => {
          const result = (await client.callTool({ name, arguments: args })) as ToolResult;
          if (result.isError) {
            const text = textOf(result);
            if (text.startsWith('{')) expect(JSON.parse(text).status).toBeLessThan(500);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});
