// upload_file in both forms, through the SDK's own client: bytes as base64, or a URL fetched through the
// SSRF-safe fetcher (the outside world answered at the fetch boundary). Either way the REST upload judges the
// bytes; a URL the rules refuse is a tool error carrying the problem+json, and nothing is fetched from it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installNetwork } from '../extractions/network';
import { activeEngagement, anotherCleanInvoice, invoicePdf } from '../tasks/fixtures';
import {
  base64,
  bodyOf,
  callOk,
  closeClients,
  connect,
  keyOf,
  QUEUE_WORK_TIMEOUT_MS,
  type ToolResult,
  textOf,
  waitForResource,
} from './client';

afterEach(async () => {
  await closeClients();
  vi.restoreAllMocks();
});

const sha256 = async (bytes: Uint8Array) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

/** A refusal as the agent reads it: a tool error whose text is the problem+json. */
async function refusal(result: Promise<unknown>) {
  const answer = (await result) as ToolResult;
  expect(answer.isError).toBe(true);
  return bodyOf(answer);
}

const SUPPLIER_URL = 'https://files.lieferant-test.de/rechnungen/RE-2026-0815.pdf';

describe('upload_file', () => {
  it('stores a file sent as base64, judged by its bytes as a REST upload is', async () => {
    const parties = await activeEngagement();
    const client = await connect(await keyOf(parties.company));
    const pdf = await invoicePdf(anotherCleanInvoice());
    const { body: file } = await callOk(client, 'upload_file', {
      purpose: 'invoice',
      name: 'invoice.pdf',
      engagement_id: parties.engagementId,
      content_base64: base64(pdf),
    });
    expect(file).toMatchObject({
      name: 'invoice.pdf',
      mime_type: 'application/pdf',
      size: pdf.byteLength,
      sha256: await sha256(pdf),
      engagement_id: parties.engagementId,
    });
    // Not an invoice by its bytes, whatever it claims: the REST upload's 415, as problem+json.
    const html = new TextEncoder().encode('<html><body>Rechnung</body></html>');
    const wrong = await refusal(
      client.callTool({
        name: 'upload_file',
        arguments: { purpose: 'invoice', content_base64: base64(html), content_type: 'application/pdf' },
      }),
    );
    expect(wrong).toMatchObject({ status: 415, type: expect.stringContaining('unsupported-file-type') });
  });

  it(
    'fetches a file from a URL through the safe fetcher, and a task reads it',
    async () => {
      const network = installNetwork([]);
      const pdf = await invoicePdf(anotherCleanInvoice());
      network.routes.set(
        SUPPLIER_URL,
        () => new Response(pdf, { headers: { 'content-type': 'application/pdf' } }),
      );
      const parties = await activeEngagement();
      const client = await connect(await keyOf(parties.company));
      const { body: file } = await callOk(client, 'upload_file', {
        purpose: 'invoice',
        engagement_id: parties.engagementId,
        url: SUPPLIER_URL,
      });
      expect(network.fetched).toEqual([SUPPLIER_URL]);
      // Named after the URL, stored as the bytes that came.
      expect(file).toMatchObject({
        name: 'RE-2026-0815.pdf',
        mime_type: 'application/pdf',
        purpose: 'invoice',
        size: pdf.byteLength,
        sha256: await sha256(pdf),
      });

      const { body: task } = await callOk(client, 'create_task', {
        engagement_id: parties.engagementId,
        title: 'Invoice from the supplier portal',
        module: 'CTAX',
        type: 'process_invoice',
        input: { file_id: file.id },
      });
      const done = await waitForResource(client, `engage://tasks/${task.id}`, ['completed', 'failed']);
      expect(done.status).toBe('completed');
      expect(done.output.invoice_number).toMatch(/^RE-2026-/);
    },
    QUEUE_WORK_TIMEOUT_MS,
  );

  it('refuses a URL to a private address or the metadata IP with the problem+json, fetching nothing', async () => {
    const network = installNetwork([], { 'intranet.lieferant-test.de': ['10.0.0.7'] });
    const parties = await activeEngagement();
    const client = await connect(await keyOf(parties.company));
    const upload = (url: string) =>
      refusal(client.callTool({ name: 'upload_file', arguments: { purpose: 'invoice', url } }));

    const metadata = await upload('http://169.254.169.254/latest/meta-data/iam/security-credentials/');
    expect(metadata).toMatchObject({
      status: 422,
      type: expect.stringContaining('unsafe-url'),
      reason: 'ip_literal',
      errors: [expect.objectContaining({ path: 'url' })],
      instance: '/v1/mcp',
    });
    const intranet = await upload('https://intranet.lieferant-test.de/rechnung.pdf');
    expect(intranet).toMatchObject({ status: 422, reason: 'private_address' });
    expect((await upload('file:///etc/passwd')).reason).toBe('scheme');
    expect(network.fetched).toEqual([]);
  });

  it("refuses a file at a URL beyond the purpose's limit, bytes the purpose does not take, and a dead link", async () => {
    const network = installNetwork([]);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]); // a PNG's signature
    network.routes.set('https://cdn.lieferant-test.de/logo.png', () => new Response(big));
    network.routes.set(
      'https://cdn.lieferant-test.de/page.html',
      () => new Response('<html>no invoice</html>', { headers: { 'content-type': 'text/html' } }),
    );
    network.routes.set('https://cdn.lieferant-test.de/gone.pdf', () => new Response('gone', { status: 404 }));
    const parties = await activeEngagement();
    const client = await connect(await keyOf(parties.company));
    const upload = (purpose: string, url: string) =>
      refusal(client.callTool({ name: 'upload_file', arguments: { purpose, url } }));

    expect(await upload('avatar', 'https://cdn.lieferant-test.de/logo.png')).toMatchObject({
      status: 413,
      type: expect.stringContaining('file-too-large'),
    });
    // A web page is no invoice: the REST upload's own judgement of the bytes.
    expect(await upload('invoice', 'https://cdn.lieferant-test.de/page.html')).toMatchObject({
      status: 415,
      type: expect.stringContaining('unsupported-file-type'),
      instance: '/v1/files',
    });
    expect(await upload('invoice', 'https://cdn.lieferant-test.de/gone.pdf')).toMatchObject({
      status: 422,
      reason: 'http_status',
      upstream_status: 404,
    });
  });

  it('takes the file as exactly one of content_base64 and url', async () => {
    const parties = await activeEngagement();
    const client = await connect(await keyOf(parties.company));
    for (const args of [{}, { content_base64: 'JVBERi0=', url: SUPPLIER_URL }]) {
      const result = (await client.callTool({
        name: 'upload_file',
        arguments: { purpose: 'invoice', ...args },
      })) as ToolResult;
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('exactly one of content_base64 or url');
    }
  });
});
