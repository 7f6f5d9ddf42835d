import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { eventStream, type SseItem, type SseOptions, type SseSource } from '../../src/lib/sse';

type Step = { items: SseItem[]; done: boolean };

/** A source that answers each poll with the next scripted step (then "nothing new") and records cursors. */
function scriptedSource(steps: Step[]) {
  const cursors: (string | undefined)[] = [];
  const source: SseSource = {
    async next(cursor) {
      cursors.push(cursor);
      return steps.shift() ?? { items: [], done: false };
    },
  };
  return { source, cursors };
}

function streamApp(source: SseSource, options: SseOptions = {}) {
  const slept: number[] = [];
  const app = new Hono();
  app.get('/progress', (c) =>
    eventStream(c, source, {
      pollMs: 1_000,
      heartbeatMs: 3_000,
      sleep: async (ms) => {
        slept.push(ms);
      },
      ...options,
    }),
  );
  return { app, slept };
}

const item = (id: string, event: string, data: unknown): SseItem => ({ id, event, data });
const idle: Step = { items: [], done: false };

describe('eventStream', () => {
  it('streams each item as an SSE message in order, with a heartbeat while idle, and closes when done', async () => {
    const { source } = scriptedSource([
      { items: [item('1', 'progress', { pct: 10 }), item('2', 'progress', { pct: 40 })], done: false },
      idle,
      idle,
      idle,
      { items: [item('3', 'completed', { pct: 100, rows: 12 })], done: true },
    ]);
    const { app, slept } = streamApp(source);
    const response = await app.request('/progress');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('Cache-Control')).toBe('no-cache, no-transform');

    // Reading to the end only finishes because the stream closes itself on the terminal state.
    expect(await response.text()).toBe(
      [
        'event: progress\ndata: {"pct":10}\nid: 1\n\n',
        'event: progress\ndata: {"pct":40}\nid: 2\n\n',
        ': heartbeat\n\n',
        'event: completed\ndata: {"pct":100,"rows":12}\nid: 3\n\n',
      ].join(''),
    );
    expect(slept).toEqual([1_000, 1_000, 1_000, 1_000]);
  });

  it('polls the source after the last id it sent, starting from the Last-Event-ID the browser resumes with', async () => {
    const { source, cursors } = scriptedSource([
      { items: [item('evt_8', 'progress', { pct: 80 })], done: false },
      idle,
      { items: [item('evt_9', 'completed', {})], done: true },
    ]);
    const { app } = streamApp(source);
    const body = await (await app.request('/progress', { headers: { 'Last-Event-ID': 'evt_7' } })).text();
    expect(cursors).toEqual(['evt_7', 'evt_8', 'evt_8']);
    expect(body).not.toContain('id: evt_7');
  });

  it('starts without a cursor when the client has seen nothing', async () => {
    const { source, cursors } = scriptedSource([{ items: [], done: true }]);
    const { app } = streamApp(source);
    expect(await (await app.request('/progress')).text()).toBe('');
    expect(cursors).toEqual([undefined]);
  });

  it('sends no heartbeat while items keep coming', async () => {
    const steps = Array.from({ length: 6 }, (_, i) => ({
      items: [item(String(i), 'progress', { pct: i })],
      done: i === 5,
    }));
    const { app } = streamApp(scriptedSource(steps).source);
    expect(await (await app.request('/progress')).text()).not.toContain('heartbeat');
  });

  it('closes after the maximum duration even if the source never finishes, so the browser reconnects', async () => {
    const { source, cursors } = scriptedSource([]);
    const { app } = streamApp(source, { maxDurationMs: 7_000 });
    const body = await (await app.request('/progress')).text();
    expect(cursors).toHaveLength(7);
    expect(body).toBe(': heartbeat\n\n: heartbeat\n\n');
  });
});
