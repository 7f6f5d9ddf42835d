// Every MCP tool called as an agent would, through the SDK's own client, with what a user would notice of its
// answer; the expert side through a person's session token; and every tool's input schema against its REST
// operation's in the OpenAPI document (the same properties, required fields and enums: one definition).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installNetwork } from '../extractions/network';
import { muellerMaschinenbau } from '../fixtures/sites/mueller-maschinenbau';
import { fixtureFetch } from '../fixtures/sites/serve';
import { call, json, signupCompany } from '../helpers';
import { payment } from '../payments/fixtures';
import { activeEngagement, anotherCleanInvoice } from '../tasks/fixtures';
import {
  callOk,
  closeClients,
  connect,
  keyOf,
  linkOf,
  QUEUE_WORK_TIMEOUT_MS,
  readJson,
  taskInReview,
  until,
  updatesOf,
  waitForResource,
} from './client';

afterEach(async () => {
  await closeClients();
  vi.restoreAllMocks();
});

describe('MCP tools', () => {
  it('lists the engagements the caller sees and reads one (list_engagements, get_engagement)', async () => {
    const parties = await activeEngagement();
    const client = await connect(await keyOf(parties.company));
    const { body: page } = await callOk(client, 'list_engagements');
    expect(page.data.map((e: { id: string }) => e.id)).toEqual([parties.engagementId]);
    const { body: engagement } = await callOk(client, 'get_engagement', {
      engagement_id: parties.engagementId,
    });
    expect(engagement).toMatchObject({ id: parties.engagementId, status: 'active' });
    expect(engagement.modules).toEqual(expect.arrayContaining(['CTAX']));
  });

  it(
    'creates a task that answers at once with its resource, then lists and reads it (create_task, list_tasks, get_task)',
    async () => {
      const parties = await activeEngagement();
      const client = await connect(await keyOf(parties.company));
      const { result, body: task } = await callOk(client, 'create_task', {
        engagement_id: parties.engagementId,
        title: 'Supplier invoice',
        module: 'CTAX',
        type: 'process_invoice',
        input: { text: anotherCleanInvoice() },
      });
      expect(task.status).toBe('queued');
      expect(linkOf(result)).toBe(`engage://tasks/${task.id}`);

      const { body: listed } = await callOk(client, 'list_tasks', { engagement_id: parties.engagementId });
      expect(listed.data.map((t: { id: string }) => t.id)).toContain(task.id);
      await waitForResource(client, `engage://tasks/${task.id}`, ['completed']);
      const { body: read } = await callOk(client, 'get_task', { task_id: task.id });
      expect(read).toMatchObject({ id: task.id, status: 'completed', title: 'Supplier invoice' });
      expect(read.output.invoice_number).toMatch(/^RE-2026-/);
    },
    QUEUE_WORK_TIMEOUT_MS,
  );

  it(
    'lets the expert, connected with a session token rather than an API key, review a task (review_task)',
    async () => {
      const parties = await activeEngagement();
      const task = await taskInReview(parties);
      const expert = await connect(parties.expert.token);
      const { body: reviewed } = await callOk(expert, 'review_task', { task_id: task.id, approve: true });
      expect(reviewed).toMatchObject({ id: task.id, status: 'completed', review: { approved: true } });
      // The company sees the expert's verdict.
      const company = await connect(await keyOf(parties.company));
      expect((await callOk(company, 'get_task', { task_id: task.id })).body.status).toBe('completed');
    },
    QUEUE_WORK_TIMEOUT_MS,
  );

  it(
    'starts an extraction that answers at once with its resource, readable, subscribable and told when done (start_extraction, get_extraction)',
    async () => {
      const network = installNetwork([muellerMaschinenbau]);
      // The home page waits until the agent has subscribed, so the change it hears is surely after that.
      let release = () => {};
      const subscribed = new Promise<void>((resolve) => {
        release = resolve;
      });
      const serve = fixtureFetch([muellerMaschinenbau]);
      network.routes.set('https://www.firma-mueller.de/', async (request) => {
        await subscribed;
        return serve(request);
      });
      const company = await signupCompany();
      const client = await connect(await keyOf(company));
      const updates = updatesOf(client);

      const { result, body: started } = await callOk(client, 'start_extraction', {
        url: 'www.firma-mueller.de',
      });
      expect(started).toMatchObject({ status: 'queued', normalized_url: 'https://www.firma-mueller.de' });
      const uri = linkOf(result);
      expect(uri).toBe(`engage://extractions/${started.id}`);
      await client.subscribeResource({ uri: uri ?? '' });
      release();

      const done = await waitForResource(client, uri ?? '', ['completed', 'failed']);
      expect(done.status).toBe('completed');
      await until(() => updates.includes(uri ?? ''), 'the extraction’s change notification');
      const { body: extraction } = await callOk(client, 'get_extraction', { extraction_id: started.id });
      const values = extraction.entities.map((e: { type: string; value: string }) => `${e.type}:${e.value}`);
      expect(values).toContain('COMPANY_NAME:Müller Maschinenbau GmbH');
      expect(values.some((v: string) => v.startsWith('VAT_ID:DE'))).toBe(true);
      expect((await client.listResources()).resources.map((r) => r.uri)).toContain(uri);
      // Another company reads nothing of it.
      const stranger = await connect(await keyOf(await signupCompany('Globex')));
      await expect(stranger.readResource({ uri: uri ?? '' })).rejects.toThrow(/not found/i);
      expect(await readJson(client, uri ?? '')).toMatchObject({ id: started.id, status: 'completed' });
    },
    QUEUE_WORK_TIMEOUT_MS,
  );

  it('lists the payments and tells each side its balance (list_payments, get_balance)', async () => {
    const parties = await activeEngagement(['CTAX']);
    const paid = await payment(parties);
    const company = await connect(await keyOf(parties.company));
    const { body: payments } = await callOk(company, 'list_payments');
    expect(payments.data).toEqual([
      expect.objectContaining({ id: paid.id, status: 'paid', amount: 100_000 }),
    ]);
    const { body: credits } = await callOk(company, 'get_balance');
    expect(credits.balance).toBe(
      (await json(await call('/v1/credits', { token: parties.company.token }))).balance,
    );

    // The expert's balance is their earnings, as the REST route tells them.
    const expert = await connect(parties.expert.token);
    const { body: earnings } = await callOk(expert, 'get_balance');
    const rest = await json(await call('/v1/experts/me/balance', { token: parties.expert.token }));
    expect(earnings).toEqual(rest);
    expect(earnings.balances).toEqual([expect.objectContaining({ currency: 'eur' })]);
  });
});

type Schema = Record<string, unknown> & {
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
};
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Each tool's REST operation, and its path parameter as the tool names it (get_balance: see below). */
const OPERATIONS: Record<string, { operation: string; id?: string }> = {
  list_engagements: { operation: 'GET /v1/engagements' },
  get_engagement: { operation: 'GET /v1/engagements/{id}', id: 'engagement_id' },
  create_task: { operation: 'POST /v1/engagements/{id}/tasks', id: 'engagement_id' },
  get_task: { operation: 'GET /v1/tasks/{id}', id: 'task_id' },
  list_tasks: { operation: 'GET /v1/tasks' },
  review_task: { operation: 'POST /v1/tasks/{id}/review', id: 'task_id' },
  start_extraction: { operation: 'POST /v1/extractions' },
  get_extraction: { operation: 'GET /v1/extractions/{id}', id: 'extraction_id' },
  list_payments: { operation: 'GET /v1/payments' },
  upload_file: { operation: 'POST /v1/files' },
  get_balance: { operation: 'GET /v1/credits' },
};

describe('MCP tool schemas', () => {
  it('derives every tool’s input schema from its REST operation: the same properties, required fields and enums', async () => {
    const doc = await json(await call('/v1/openapi.json'));
    const deref = (schema: unknown): Schema => {
      const ref = (schema as { $ref?: string })?.$ref;
      const target = ref ? doc.components.schemas[ref.split('/').pop() ?? ''] : schema;
      if (!target || typeof target !== 'object') return target;
      return Object.fromEntries(
        Object.entries(target).map(([key, value]) => [
          key,
          Array.isArray(value)
            ? value.map((v) => (v && typeof v === 'object' ? deref(v) : v))
            : value && typeof value === 'object'
              ? deref(value)
              : value,
        ]),
      );
    };
    const client = await connect(await keyOf(await signupCompany()));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(OPERATIONS).sort());

    for (const tool of tools) {
      // get_balance reads /v1/credits or /v1/experts/me/balance by the caller's role: no history paging, no
      // admin's org_id, so no arguments.
      if (tool.name === 'get_balance') continue;
      const { operation, id } = OPERATIONS[tool.name] ?? { operation: '' };
      const [method = '', path = ''] = operation.split(' ');
      const op: Operation = doc.paths[path][method.toLowerCase()];
      const schema = tool.inputSchema as Schema;
      const properties = schema.properties ?? {};
      const expectedRequired: string[] = [];
      for (const param of op.parameters ?? []) {
        if (param.in !== 'path' && param.in !== 'query') continue;
        const name = param.in === 'path' ? (id ?? param.name) : param.name;
        expect(properties[name], `${tool.name}.${name}`).toMatchObject(deref(param.schema));
        if (param.in === 'path' || param.required) expectedRequired.push(name);
      }
      const body = deref(op.requestBody?.content?.['application/json']?.schema);
      for (const [name, property] of Object.entries(body?.properties ?? {})) {
        expect(properties[name], `${tool.name}.${name}`).toEqual(property);
      }
      expectedRequired.push(...(body?.required ?? []));
      expect(schema.required ?? [], tool.name).toEqual(expect.arrayContaining(expectedRequired));
      if (tool.name === 'upload_file') continue;
      // Nothing of an operation tool's own beyond the Idempotency-Key of a POST.
      const own = [
        ...(op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query').map((p) => p.name),
        ...Object.keys(body?.properties ?? {}),
        ...(method === 'POST' ? ['idempotency_key'] : []),
      ].map((name) => (name === 'id' && id ? id : name));
      expect(Object.keys(properties).sort(), tool.name).toEqual(own.sort());
      expect([...(schema.required ?? [])].sort(), tool.name).toEqual(expectedRequired.sort());
    }

    // Spot checks a reader can follow: the same enums as the REST schemas.
    const byName = Object.fromEntries(tools.map((t) => [t.name, t.inputSchema as Schema]));
    expect(byName.create_task?.properties?.module?.enum).toEqual(
      doc.components.schemas.CreateTask.properties.module.enum,
    );
    expect(byName.upload_file?.properties?.purpose?.enum).toEqual(['rfp', 'invoice', 'attachment', 'avatar']);
    expect(byName.start_extraction?.required).toEqual(['url']);
    expect(byName.review_task?.required).toEqual(expect.arrayContaining(['task_id', 'approve']));
    expect(byName.get_balance?.properties).toEqual({});
  });
});
