// A local webhook receiver for trying outgoing webhooks with `bun run dev`: listens on localhost:8792
// (allowed by WEBHOOK_ALLOWED_HOSTS in .dev.vars), verifies each delivery's Standard Webhooks signature
// when ENGAGE_WEBHOOK_SECRET is set, and prints it. `--fail` answers 500 to watch the retries.
// Usage: ENGAGE_WEBHOOK_SECRET=whsec_… bun run webhook:receiver [--fail]
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const port = Number(process.env.RECEIVER_PORT ?? 8792);
const secret = process.env.ENGAGE_WEBHOOK_SECRET;
const failing = process.argv.includes('--fail');

createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, String(value ?? '')]),
    );
    let verdict = 'not verified (set ENGAGE_WEBHOOK_SECRET)';
    if (secret) {
      try {
        new Webhook(secret).verify(body, headers);
        verdict = 'signature ok';
      } catch (error) {
        verdict = `BAD SIGNATURE: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    const event = JSON.parse(body || '{}') as { type?: string; seq?: number };
    console.log(
      `${new Date().toISOString()}  ${headers['webhook-id']}  ${event.type} (seq ${event.seq})  ${verdict}`,
    );
    response.writeHead(failing ? 500 : 200, { 'content-type': 'text/plain' });
    response.end(failing ? 'failing on purpose (--fail)' : 'ok');
  });
}).listen(port, 'localhost', () => {
  console.log(`webhook receiver on http://localhost:${port}/hook${failing ? ' (answering 500)' : ''}`);
});
