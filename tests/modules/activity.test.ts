// An engagement's activity: its events newest first, with the person who acted and links to what they concern,
// for its company, its expert and admins only.
import { describe, expect, it } from 'vitest';
import { call, createAdmin, expectProblem, json, signupCompany, waitFor } from '../helpers';
import { activeEngagement, anotherCleanInvoice } from '../tasks/fixtures';

describe('GET /v1/engagements/:id/activity', () => {
  it('tells who did what, newest first, with links, to both parties and admins', async () => {
    const parties = await activeEngagement();
    const created = await json(
      await call(`/v1/engagements/${parties.engagementId}/tasks`, {
        token: parties.company.token,
        json: {
          title: 'March invoice',
          module: 'CTAX',
          type: 'process_invoice',
          input: { text: anotherCleanInvoice() },
        },
      }),
    );
    const activity = await waitFor(async () => {
      const page = await json(
        await call(`/v1/engagements/${parties.engagementId}/activity?limit=50`, {
          token: parties.expert.token,
        }),
      );
      return page.data.some((a: { type: string }) => a.type === 'task.completed') && page;
    });
    const types = activity.data.map((a: { type: string }) => a.type);
    expect(types.indexOf('task.completed')).toBeLessThan(types.indexOf('task.created'));
    expect(types.indexOf('task.created')).toBeLessThan(types.indexOf('engagement.accepted'));
    const taskCreated = activity.data.find((a: { type: string }) => a.type === 'task.created');
    expect(taskCreated).toMatchObject({
      summary: 'Task “March invoice” created',
      details: { name: 'March invoice' },
      actor: { id: parties.company.userId, name: 'Olivia Ops', role: 'company' },
      links: { task_id: created.id },
    });
    const accepted = activity.data.find((a: { type: string }) => a.type === 'engagement.accepted');
    expect(accepted.actor).toMatchObject({ id: parties.expert.userId, role: 'expert' });
    const completed = activity.data.find((a: { type: string }) => a.type === 'task.completed');
    expect(completed.actor).toBeNull(); // the AI did it
    expect(completed.details).toEqual({ name: 'March invoice' }); // no review: the AI completed it

    const admin = await createAdmin();
    expect(
      (await call(`/v1/engagements/${parties.engagementId}/activity`, { token: admin.token })).status,
    ).toBe(200);
    const company = await json(
      await call(`/v1/engagements/${parties.engagementId}/activity?limit=1`, {
        token: parties.company.token,
      }),
    );
    expect(company.data).toHaveLength(1);
    expect(company.next_cursor).toEqual(expect.any(String));
  });

  it('is not found for another company', async () => {
    const parties = await activeEngagement();
    const stranger = await signupCompany('Globex');
    await expectProblem(
      await call(`/v1/engagements/${parties.engagementId}/activity`, { token: stranger.token }),
      404,
    );
  });
});
