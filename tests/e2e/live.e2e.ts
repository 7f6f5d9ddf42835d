// The live connection: when the room connection drops, the page says so, reconnects by itself and asks the
// room for what it missed (`?since=`), so a task finished while it was away still shows up — no reload.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiToken, baseUrl, launch, signIn } from './support/browser';

const ENGAGEMENT = 'eng_000000000000000000ACMEANNA';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('the engagement room connection', () => {
  it('shows the drop, reconnects with since, and replays what happened meanwhile', async () => {
    const { page, context, problems } = await signIn(browser, 'ops@acme.test');
    // A network switch for the room only: while `engageBlockRoom` is set, new room sockets go nowhere.
    await context.addInitScript(() => {
      const Native = window.WebSocket;
      const sockets: WebSocket[] = [];
      class Switchable extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          const blocked = 'engageBlockRoom' in window;
          super(blocked ? String(url).replace('/room', '/no-such-room') : url, protocols);
          sockets.push(this);
        }
      }
      Object.assign(window, { WebSocket: Switchable, engageSockets: sockets });
    });
    await page.goto(`/engagements/${ENGAGEMENT}`);
    const live = page.locator('[data-live]').first();
    await page.locator('[data-live=live]').waitFor();

    await page.evaluate(() => {
      Object.assign(window, { engageBlockRoom: true });
      for (const socket of (window as unknown as { engageSockets: WebSocket[] }).engageSockets)
        socket.close();
    });
    await page.locator('[data-live=reconnecting]').waitFor();
    expect(await live.textContent()).toContain('Reconnecting');

    // Meanwhile a colleague creates a task through the API, and it is processed to the end.
    const token = await apiToken('ops@acme.test');
    const title = `While away ${Date.now()}`;
    const created = await fetch(`${baseUrl()}/v1/engagements/${ENGAGEMENT}/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title,
        module: 'CTAX',
        type: 'process_invoice',
        input: { text: 'Invoice no. W-1\nNet: EUR 100.00\nVAT 19%: EUR 19.00\nTotal: EUR 119.00' },
      }),
    });
    expect(created.status).toBe(202);
    const task = (await created.json()) as { id: string };
    await expect
      .poll(async () => (await apiGet<{ status: string }>(token, `/v1/tasks/${task.id}`)).status, {
        timeout: 30_000,
      })
      .toMatch(/^(completed|needs_review)$/);
    const finalStatus = (await apiGet<{ status: string }>(token, `/v1/tasks/${task.id}`)).status;
    expect(await page.locator('[data-testid=task-row]', { hasText: title }).count()).toBe(0);

    // The network comes back: the page reconnects at once, asking for what it missed.
    await page.evaluate(() => {
      Reflect.deleteProperty(window, 'engageBlockRoom');
      window.dispatchEvent(new Event('online'));
    });
    await page.locator('[data-live=live]').waitFor();
    await page.locator(`[data-testid=task-row][data-status=${finalStatus}]`, { hasText: title }).waitFor();
    const lastUrl = await page.evaluate(
      () => (window as unknown as { engageSockets: WebSocket[] }).engageSockets.at(-1)?.url ?? '',
    );
    expect(new URL(lastUrl).searchParams.get('since')).toMatch(/^\d+$/);
    // The refused sockets to /no-such-room are the only console lines.
    expect(problems.filter((p) => !p.includes('no-such-room'))).toEqual([]);
  });
});
