// The operator's view: a task that died in the queue (the demo's seeded dead letter) is redriven from the
// dashboard and processed again; breakers, emails and payout runs render.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiToken, launch, screenshot, signIn, type UserPage } from './support/browser';

const SEEDED_DEAD_LETTER = 'dlq_000000000000ACMEANNAFAILED';
const SEEDED_FAILED_TASK = 'tsk_000000000000ACMEANNAFAILED';

let browser: Browser;
let admin: UserPage;
beforeAll(async () => {
  browser = await launch();
  admin = await signIn(browser, 'admin@engage.test');
});
afterAll(() => browser?.close());

describe('an admin', () => {
  it('redrives a dead letter and the failed task runs again', async () => {
    const { page, problems } = admin;
    await page.goto('/admin/queues');
    const row = page.locator(`[data-testid=dead-letter-row][data-id=${SEEDED_DEAD_LETTER}]`);
    await row.waitFor();
    expect(await row.getAttribute('data-redriven')).toBe('false');
    const deadTasks = page.locator(
      '[data-testid=queue-row][data-queue=engage-tasks] [data-testid=queue-dead-letters]',
    );
    const before = Number(await deadTasks.textContent());
    await screenshot(page, 'admin-queues');

    page.once('dialog', (dialog) => dialog.accept());
    await row.getByRole('button', { name: 'Redrive' }).click();
    await page
      .locator(`[data-testid=dead-letter-row][data-id=${SEEDED_DEAD_LETTER}][data-redriven=true]`)
      .waitFor();
    await expect.poll(async () => Number(await deadTasks.textContent())).toBe(before - 1);

    // The task went back to its queue and was processed: no longer failed.
    const token = await apiToken('ops@acme.test');
    await expect
      .poll(async () => (await apiGet<{ status: string }>(token, `/v1/tasks/${SEEDED_FAILED_TASK}`)).status, {
        timeout: 30_000,
      })
      .toMatch(/^(completed|needs_review)$/);
    // The row has no Redrive button any more: a letter goes back once.
    expect(await row.getByRole('button', { name: 'Redrive' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('sees breakers, emails, one email and the payout runs', async () => {
    const { page, problems } = admin;
    await page.goto('/admin/breakers');
    await page.locator('[data-testid=breaker][data-name=stripe]').waitFor();
    await screenshot(page, 'admin-breakers');

    await page.goto('/admin/emails');
    const email = page.getByTestId('email-row').first();
    await email.waitFor();
    await screenshot(page, 'admin-emails');
    await email.getByRole('link').first().click();
    await page.locator('iframe[sandbox=""]').waitFor();
    await screenshot(page, 'admin-email');

    await page.goto('/admin/payouts');
    await page.getByRole('button', { name: 'Process pending payouts' }).click();
    await page.locator('[data-testid=run-result][data-kind=process]').waitFor();
    await page.getByRole('button', { name: 'Check against provider' }).click();
    await page
      .locator('[data-testid=reconciliation-ok], [data-testid=reconciliation-findings]')
      .first()
      .waitFor();
    await screenshot(page, 'admin-payout-runs');
    expect(problems).toEqual([]);
  });
});
