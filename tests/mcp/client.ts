// The MCP tests' agent: the SDK's own client connected to the Worker in workerd, with an API key or a session
// token, and readers for what tools answer.
import { env, exports } from 'cloudflare:workers';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { expect } from 'vitest';
import { processTask } from '../../src/modules/tasks/process';
import { type Account, call, json, ORIGIN } from '../helpers';
import { INCONSISTENT_INVOICE, insertTask, type Parties } from '../tasks/fixtures';

/** A new API key of the company, with these scopes (all by default). */
export async function keyOf(company: Account, scopes?: string[]) {
  const response = await call('/v1/api-keys', {
    token: company.token,
    json: { name: 'agent', ...(scopes ? { scopes } : {}) },
  });
  return (await json(response)).key as string;
}

const open: Client[] = [];

/** Closes every client the test connected (each holds its session's event stream open): call in afterEach. */
export async function closeClients() {
  await Promise.all(open.splice(0).map((client) => client.close()));
}

/** A connected client; `token` is an API key or a person's session token. */
export async function connect(token: string) {
  return (await connectWithTransport(token)).client;
}

export async function connectWithTransport(token: string) {
  const transport = new StreamableHTTPClientTransport(new URL(`${ORIGIN}/v1/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
    fetch: (url, init) => exports.default.fetch(new Request(url, init)),
  });
  const client = new Client(
    { name: 'engage-test-agent', version: '1.0.0' },
    { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() },
  );
  await client.connect(transport);
  open.push(client);
  return { client, transport };
}

export type ToolResult = { isError?: boolean; content: { type: string; text?: string; uri?: string }[] };
export const textOf = (result: unknown) =>
  (result as ToolResult).content.find((c) => c.type === 'text')?.text ?? '';
// biome-ignore lint/suspicious/noExplicitAny: tests assert on the shape
export const bodyOf = (result: unknown): any => JSON.parse(textOf(result));
export const linkOf = (result: unknown) =>
  (result as ToolResult).content.find((c) => c.type === 'resource_link')?.uri;

/** A tool's answer that must not be an error: its JSON body. */
export async function callOk(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result = await client.callTool({ name, arguments: args });
  expect((result as ToolResult).isError, textOf(result)).toBeFalsy();
  return { result, body: bodyOf(result) };
}

export const base64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));

/** The resource's JSON as `resources/read` gives it. */
export async function readJson(client: Client, uri: string) {
  const read = await client.readResource({ uri });
  return JSON.parse(String((read.contents[0] as { text: string }).text));
}

/** Reads the resource until its status is one of `statuses` (the real queue consumer does the work). */
export async function waitForResource(client: Client, uri: string, statuses: string[], timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const resource = await readJson(client, uri);
    if (statuses.includes(resource.status)) return resource;
    if (Date.now() > deadline) throw new Error(`${uri} stayed ${resource.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** For tests that wait on the queue consumer reading a PDF: seconds of work on a busy machine. */
export const QUEUE_WORK_TIMEOUT_MS = 60_000;

/** A task of the engagement in review (the inconsistent invoice never passes the threshold). */
export async function taskInReview(parties: Parties) {
  const task = await insertTask(parties, { input: { text: INCONSISTENT_INVOICE } });
  expect(await processTask(env, task.id)).toBe('needs_review');
  return task;
}

/** Notifications of changed resources as the client receives them. */
export function updatesOf(client: Client): string[] {
  const uris: string[] = [];
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
    uris.push(notification.params.uri);
  });
  return uris;
}

export async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
