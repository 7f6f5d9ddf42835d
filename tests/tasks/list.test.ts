// GET /v1/tasks: the caller's tasks across engagements — the expert's review queue.
import { describe, expect, it } from 'vitest';
import { call, createAdmin, expectProblem, json } from '../helpers';
import { activeEngagement, insertTask } from './fixtures';

const ids = (page: { data: { id: string }[] }) => page.data.map((t) => t.id);

describe('GET /v1/tasks', () => {
  it('shows an expert the tasks of their own engagements only, filtered by status', async () => {
    const mine = await activeEngagement();
    const other = await activeEngagement(); // another company and another expert
    const review = await insertTask(mine, { status: 'needs_review', title: 'Check me' });
    const done = await insertTask(mine, { status: 'completed' });
    const theirs = await insertTask(other, { status: 'needs_review' });

    const queue = await json(await call('/v1/tasks?status=needs_review', { token: mine.expert.token }));
    expect(ids(queue)).toEqual([review.id]);
    expect(queue.data[0]).toMatchObject({ title: 'Check me', engagement_id: mine.engagementId });

    const all = await json(await call('/v1/tasks', { token: mine.expert.token }));
    expect(ids(all)).toEqual([done.id, review.id]); // newest first
    expect(ids(all)).not.toContain(theirs.id);

    const company = await json(await call('/v1/tasks', { token: other.company.token }));
    expect(ids(company)).toEqual([theirs.id]);

    const admin = await createAdmin();
    const everything = ids(await json(await call('/v1/tasks?limit=100', { token: admin.token })));
    expect(everything).toEqual(expect.arrayContaining([review.id, done.id, theirs.id]));
  });

  it("narrows to one engagement, and another tenant's engagement is not found", async () => {
    const mine = await activeEngagement();
    const other = await activeEngagement();
    const task = await insertTask(mine);
    await insertTask(other);
    const one = await json(
      await call(`/v1/tasks?engagement_id=${mine.engagementId}`, { token: mine.company.token }),
    );
    expect(ids(one)).toEqual([task.id]);
    await expectProblem(
      await call(`/v1/tasks?engagement_id=${other.engagementId}`, { token: mine.company.token }),
      404,
    );
  });

  it('pages with the cursor, without repeating or skipping a task', async () => {
    const parties = await activeEngagement();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await insertTask(parties, { title: `T${i}` })).id);
    const first = await json(await call('/v1/tasks?limit=2', { token: parties.expert.token }));
    const second = await json(
      await call(`/v1/tasks?limit=2&cursor=${first.next_cursor}`, { token: parties.expert.token }),
    );
    const third = await json(
      await call(`/v1/tasks?limit=2&cursor=${second.next_cursor}`, { token: parties.expert.token }),
    );
    expect([...ids(first), ...ids(second), ...ids(third)]).toEqual(created.reverse());
    expect(third.next_cursor).toBeNull();
  });

  it('answers 422 for an unknown status and 401 without credentials', async () => {
    const parties = await activeEngagement();
    await expectProblem(await call('/v1/tasks?status=lost', { token: parties.expert.token }), 422);
    await expectProblem(await call('/v1/tasks'), 401);
  });
});

describe('lists filtered by an engagement the caller cannot see', () => {
  it('answer 404 on every list, as the engagement’s own routes do, and 200 for one’s own', async () => {
    const mine = await activeEngagement();
    const theirs = await activeEngagement();
    for (const list of ['/v1/tasks', '/v1/payments', '/v1/files', '/v1/documents']) {
      for (const token of [mine.company.token, mine.expert.token]) {
        const problem = await expectProblem(
          await call(`${list}?engagement_id=${theirs.engagementId}`, { token }),
          404,
        );
        expect(problem.detail).toMatch(/not found/i);
        expect((await call(`${list}?engagement_id=${mine.engagementId}`, { token })).status).toBe(200);
      }
      await expectProblem(
        await call(`${list}?engagement_id=eng_doesnotexist`, { token: mine.company.token }),
        404,
      );
    }
  });
});
