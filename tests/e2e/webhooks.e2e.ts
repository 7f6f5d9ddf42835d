// A company adds a webhook endpoint in the dashboard pointing at a local receiver, keeps the secret shown
// once, sends a test event, and sees the signed delivery arrive (verified with the standardwebhooks
// library) and listed as succeeded with the receiver's answer.
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, screenshot, signIn, type UserPage } from './support/browser';

// Listed in WEBHOOK_ALLOWED_HOSTS by .dev.vars.example (and added to older .dev.vars by `bun run dev`).
const RECEIVER_PORT = 8792;

interface Received {
  body: string;
  headers: Record<string, string>;
}

let browser: Browser;
let company: UserPage;
let receiver: Server;
const received: Received[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
      });
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('received by the e2e receiver');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(RECEIVER_PORT, 'localhost', resolve));
  browser = await launch();
  company = await signIn(browser, 'ops@acme.test');
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('webhooks in the dashboard', () => {
  it('adds an endpoint, shows its secret once, and lists a signed test delivery', async () => {
    const { page, problems } = company;
    await page.goto('/webhooks');
    const url = `http://localhost:${RECEIVER_PORT}/hook-${Date.now()}`;
    await page.locator('#url').fill(url);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secretBanner = page.getByTestId('webhook-secret');
    await secretBanner.waitFor();
    const secret = (await secretBanner.locator('code').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);

    const card = page.locator('[data-testid=webhook-endpoint]', { hasText: url });
    await card.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const delivery = received.at(-1) as Received;
    const payload = new Webhook(secret).verify(delivery.body, delivery.headers) as {
      type: string;
      data: { test: boolean };
    };
    expect(payload).toMatchObject({ type: 'task.completed', data: { test: true } });

    await card.getByRole('button', { name: 'Refresh' }).click();
    await card.locator('[data-testid=webhook-delivery][data-status=succeeded]').waitFor({ timeout: 15_000 });
    await expect.poll(() => card.textContent()).toContain('received by the e2e receiver');
    // After a reload the week's sparkline has today's bar, green: one attempt, one success.
    await page.reload();
    const reloaded = page.locator('[data-testid=webhook-endpoint]', { hasText: url });
    await reloaded.locator('svg.sparkline rect.spark-good').waitFor();
    expect(await reloaded.locator('svg.sparkline').getAttribute('aria-label')).toMatch(/1 of 1 succeeded/);
    await screenshot(page, 'company-webhooks');

    // Disabling is one tap, and says so.
    await card.getByRole('button', { name: 'Disable' }).click();
    await page.locator('[data-testid=webhook-endpoint][data-enabled=false]', { hasText: url }).waitFor();
    expect(problems).toEqual([]);

    // The admin finds it among every company's endpoints, and under "Disabled", with its company.
    const admin = await signIn(browser, 'admin@engage.test');
    await admin.page.goto('/webhooks?enabled=false');
    const row = admin.page.getByTestId('all-endpoints').locator('tr', { hasText: url });
    await row.waitFor();
    expect(await row.getAttribute('data-enabled')).toBe('false');
    expect(await row.textContent()).toContain('Acme');
    await screenshot(admin.page, 'admin-all-webhooks');
    expect(admin.problems).toEqual([]);
  });
});
