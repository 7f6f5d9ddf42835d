// Task lists (an engagement's, and GET /v1/tasks): search, sort and filters over cursor pages.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/db/schema';
import { call, json } from '../helpers';
import { activeEngagement, insertTask, type Parties } from '../tasks/fixtures';
import { expectedOrder, expectInvalid, ids, walk } from './walk';

let mine: Parties;
let theirs: Parties;
const byTitle: Record<string, Task> = {};

beforeAll(async () => {
  mine = await activeEngagement();
  theirs = await activeEngagement();
  const rows: Partial<Task>[] = [
    { title: 'Invoice March', module: 'CTAX', priority: 'high', aiConfidence: 90, status: 'completed' },
    { title: 'invoice april', module: 'CTAX', priority: 'low', aiConfidence: 60, status: 'needs_review' },
    { title: 'Tender Berlin', module: 'TENDER', type: 'parse_rfp', priority: 'normal', aiConfidence: 90 },
    { title: 'Tender Munich', module: 'TENDER', type: 'parse_rfp', priority: 'high', aiConfidence: null },
    { title: 'Invoice May', module: 'CTAX', priority: 'normal', aiConfidence: null, status: 'failed' },
  ];
  for (const row of rows) byTitle[row.title ?? ''] = await insertTask(mine, row);
  await insertTask(theirs, { title: 'Invoice March' });
});

const engagementTasks = (query: string, token = mine.company.token) =>
  walk(`/v1/engagements/${mine.engagementId}/tasks?${query}`, token);
const id = (title: string) => byTitle[title]?.id;

describe('task lists: search', () => {
  it("finds by title, module or type, never another company's task", async () => {
    expect(ids(await engagementTasks('q=INVOICE&sort=title'))).toEqual([
      id('invoice april'),
      id('Invoice March'),
      id('Invoice May'),
    ]);
    expect(ids(await engagementTasks('q=invoice%20march'))).toEqual([id('Invoice March')]);
    expect(ids(await engagementTasks('q=parse_rfp&sort=title'))).toEqual([
      id('Tender Berlin'),
      id('Tender Munich'),
    ]);
    const everywhere = await walk('/v1/tasks?q=march', mine.expert.token);
    expect(ids(everywhere)).toEqual([id('Invoice March')]);
  });
});

describe('task lists: sort', () => {
  it('walks every page in the chosen order, ties broken by id', async () => {
    const all = await engagementTasks('');
    expect(all).toHaveLength(5);
    const rank = { low: 0, normal: 1, high: 2 } as const;
    const cases: [string, (t: Record<string, unknown>) => string | number, boolean?][] = [
      ['title', (t) => String(t.title), true],
      ['-title', (t) => String(t.title), true],
      ['priority', (t) => rank[t.priority as keyof typeof rank]],
      ['-priority', (t) => rank[t.priority as keyof typeof rank]],
      ['confidence', (t) => (t.ai_confidence as number | null) ?? -1],
      ['-confidence', (t) => (t.ai_confidence as number | null) ?? -1],
      ['status', (t) => String(t.status)],
      ['-module', (t) => String(t.module)],
    ];
    for (const [sort, value, nocase] of cases) {
      expect(ids(await engagementTasks(`sort=${sort}`)), sort).toEqual(
        expectedOrder(all, sort, value, nocase),
      );
      expect(ids(await walk(`/v1/tasks?sort=${sort}`, mine.expert.token, 1)), sort).toEqual(
        expectedOrder(all, sort, value, nocase),
      );
    }
  });
});

describe('task lists: filters', () => {
  it('combines statuses, module and search', async () => {
    expect(ids(await engagementTasks('status=completed,failed&sort=title'))).toEqual([
      id('Invoice March'),
      id('Invoice May'),
    ]);
    expect(ids(await engagementTasks('module=TENDER&q=munich'))).toEqual([id('Tender Munich')]);
    expect(await engagementTasks('module=TENDER&status=needs_review')).toEqual([]);
    const queue = await walk(
      `/v1/tasks?engagement_id=${mine.engagementId}&status=needs_review`,
      mine.expert.token,
    );
    expect(ids(queue)).toEqual([id('invoice april')]);
  });

  it('answers 422 naming the parameter, and refuses a cursor read with another sort', async () => {
    const get = (query: string) => call(`/v1/tasks?${query}`, { token: mine.company.token });
    await expectInvalid(await get('sort=cost'), 'sort');
    await expectInvalid(await get('status=queued,lost'), 'status');
    await expectInvalid(await get('module=ctax'), 'module');
    const first = await json(await get('sort=-confidence&limit=1'));
    await expectInvalid(await get(`sort=confidence&limit=1&cursor=${first.next_cursor}`), 'cursor');
  });
});
