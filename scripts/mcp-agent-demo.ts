// `bun run mcp:demo`: what an agent does through the MCP server of a running `bun run dev` — with the SDK's
// own client, as Acme's scoped API key: list the tools, upload the demo ZUGFeRD invoice, create a CTAX task,
// subscribe to the task resource and read it whenever a notification says it changed, until it is done.
// Prints each call and its answer (the README's transcript).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const BASE = process.env.ENGAGE_URL ?? `http://localhost:${process.env.PORT ?? 8787}`;
const ENGAGEMENT = 'eng_000000000000000000ACMEANNA';
const FILE = path.resolve(import.meta.dirname, '../demo/einvoice-factur-x.pdf');

async function api(pathname: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  if (init.body) headers.set('Content-Type', 'application/json');
  const response = await fetch(`${BASE}${pathname}`, { ...init, headers });
  if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`);
  return response.json();
}

const short = (value: unknown) => {
  const text = JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
};

const { token } = await api('/v1/auth/login', {
  method: 'POST',
  body: JSON.stringify({ email: 'ops@acme.test', password: 'demo-password' }),
});
const { key } = await api('/v1/api-keys', {
  method: 'POST',
  token,
  body: JSON.stringify({ name: 'MCP demo agent', scopes: ['tasks:read', 'tasks:write', 'files:write'] }),
});
console.log(`API key with scopes tasks:read, tasks:write, files:write: ${key.slice(0, 10)}…\n`);

const client = new Client({ name: 'engage-demo-agent', version: '1.0.0' });
await client.connect(
  new StreamableHTTPClientTransport(new URL(`${BASE}/v1/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  }),
);
const { tools } = await client.listTools();
console.log(`→ tools/list\n← ${tools.map((t) => t.name).join(', ')}\n`);

const textOf = (result: unknown) =>
  (result as { content: { type: string; text?: string }[] }).content.find((c) => c.type === 'text')?.text ??
  '';

const uploadArgs = {
  purpose: 'invoice',
  name: 'einvoice-factur-x.pdf',
  engagement_id: ENGAGEMENT,
  content_base64: readFileSync(FILE).toString('base64'),
};
const uploaded = await client.callTool({ name: 'upload_file', arguments: uploadArgs });
const file = JSON.parse(textOf(uploaded));
console.log(`→ tools/call upload_file ${short({ ...uploadArgs, content_base64: '<base64 of the PDF>' })}`);
console.log(`← ${short(file)}\n`);

const taskArgs = {
  engagement_id: ENGAGEMENT,
  title: 'Supplier invoice (agent)',
  module: 'CTAX',
  type: 'process_invoice',
  input: { file_id: file.id },
  idempotency_key: `mcp-demo-${file.id}`,
};
const created = await client.callTool({ name: 'create_task', arguments: taskArgs });
const task = JSON.parse(textOf(created));
console.log(`→ tools/call create_task ${short(taskArgs)}\n← ${short(task)}\n`);

// Subscribe, then read: a change after the subscription arrives as a notification on the session's stream,
// so the agent reads again only when something changed (no polling loop).
const uri = `engage://tasks/${task.id}`;
const changed: string[] = [];
client.setNotificationHandler(ResourceUpdatedNotificationSchema, ({ params }) => {
  changed.push(params.uri);
});
await client.subscribeResource({ uri });
console.log(`→ resources/subscribe ${uri}\n← {}\n`);
const TERMINAL = ['completed', 'needs_review', 'failed'];
for (let i = 0; i < 120; i++) {
  const read = await client.readResource({ uri });
  const current = JSON.parse(String((read.contents[0] as { text: string }).text));
  console.log(`→ resources/read ${uri}`);
  if (!TERMINAL.includes(current.status)) console.log(`← ${short({ status: current.status })}\n`);
  if (TERMINAL.includes(current.status)) {
    const { status, ai_confidence, model_used, output, checks } = current;
    // Why a person must look (the demo invoice run twice is a duplicate_invoice, for one).
    const failed = (checks ?? [])
      .filter((c: { passed: boolean }) => !c.passed)
      .map((c: { name: string }) => c.name);
    console.log(
      `← ${short({ status, ai_confidence, model_used, invoice_number: output?.invoice_number, gross: output?.gross, currency: output?.currency, supplier: output?.supplier?.name, ...(failed.length ? { failed_checks: failed } : {}) })}`,
    );
    break;
  }
  const heard = changed.length;
  const deadline = Date.now() + 30_000;
  while (changed.length === heard && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (changed.length === heard) throw new Error(`no notification for ${uri} within 30 s`);
  console.log(`← notifications/resources/updated ${changed.at(-1)}\n`);
}
await client.close();
