// One cursor for every channel: the `seq` of GET /v1/events is the SSE stream's event id (Last-Event-ID)
// and the room's `event_seq` (`?cursor=`), so a consumer resumes on any channel from the same position.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { type EngagementRoom, RETAINED_EVENTS } from '../../durable-objects/engagement-room';
import type { RoomMessage } from '../../durable-objects/room-protocol';
import {
  type Account,
  call,
  json,
  requestEngagement,
  signupCompany,
  signupExpert,
  waitFor,
} from '../helpers';

interface Listed {
  id: string;
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

async function eventsOf(account: Account, engagementId: string): Promise<Listed[]> {
  const page = await json(await call('/v1/events?since=0&limit=500', { token: account.token }));
  return page.data.filter((e: Listed) => e.data.engagement_id === engagementId);
}

/** An accepted engagement whose first events (request, accept, module installs) reached its room. */
async function acceptedEngagement() {
  const company = await signupCompany();
  const expert = await signupExpert();
  const engagement = await requestEngagement(company, expert.expertId ?? '', { modules: ['TENDER'] });
  await call(`/v1/engagements/${engagement.id}/accept`, { method: 'POST', token: expert.token });
  const room = env.ENGAGEMENT_ROOM.get(env.ENGAGEMENT_ROOM.idFromName(engagement.id));
  const listed = await waitFor(async () => {
    const events = await eventsOf(company, engagement.id);
    const history: RoomMessage[] = await room.history(0);
    const inRoom = new Set(history.map((m) => m.event_seq));
    return events.length >= 3 && events.every((e) => inRoom.has(e.seq)) ? events : undefined;
  });
  return { company, expert, engagement, listed };
}

/** Reads SSE messages off a stream until `count` arrived. */
async function readSse(response: Response, count: number) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const messages: { id: string; event: string; data: Listed }[] = [];
  const deadline = Date.now() + 10_000;
  while (messages.length < count && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let end = text.indexOf('\n\n');
    while (end >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const field = (name: string) =>
        block
          .split('\n')
          .find((line) => line.startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .trim();
      const data = field('data');
      if (data) messages.push({ id: field('id') ?? '', event: field('event') ?? '', data: JSON.parse(data) });
      end = text.indexOf('\n\n');
    }
  }
  await reader.cancel();
  return messages;
}

describe('one cursor', () => {
  it('resumes the room on the seq of GET /v1/events with ?cursor=', async () => {
    const { company, engagement, listed } = await acceptedEngagement();
    const [first, ...rest] = listed;
    const response = await call(`/v1/engagements/${engagement.id}/room?cursor=${first?.seq}`, {
      token: company.token,
      headers: { Upgrade: 'websocket' },
    });
    expect(response.status).toBe(101);
    const ws = response.webSocket;
    if (!ws) throw new Error('no socket');
    const messages: RoomMessage[] = [];
    ws.addEventListener('message', (event) => messages.push(JSON.parse(String(event.data))));
    ws.accept();
    await waitFor(async () => messages.some((m) => m.type === 'presence.joined'));
    const replayed = messages.filter((m) => m.event_seq !== null && m.event_seq !== undefined);
    expect(replayed.map((m) => [m.event_seq, m.type])).toEqual(rest.map((e) => [e.seq, e.type]));
    ws.close(1000, 'done');
  });

  it('tells a client whose cursor is behind what the room holds of the gap, and replays the rest', async () => {
    const { company, engagement, listed } = await acceptedEngagement();
    const room = env.ENGAGEMENT_ROOM.get(env.ENGAGEMENT_ROOM.idFromName(engagement.id));
    const base = (listed.at(-1)?.seq ?? 0) + 1_000_000; // far past every real event of this database
    await runInDurableObject(room, async (instance: EngagementRoom) => {
      for (let i = 1; i <= RETAINED_EVENTS + 10; i++)
        await instance.publish(engagement.id, {
          id: `evt_cursor_gap_${i}`,
          seq: base + i,
          type: 'task.created',
          data: { i },
          at: '',
        });
    });
    const joinAt = async (cursor: number) => {
      const response = await call(`/v1/engagements/${engagement.id}/room?cursor=${cursor}`, {
        token: company.token,
        headers: { Upgrade: 'websocket' },
      });
      const ws = response.webSocket;
      if (!ws) throw new Error('no socket');
      const raw: Record<string, unknown>[] = [];
      ws.addEventListener('message', (event) => raw.push(JSON.parse(String(event.data))));
      ws.accept();
      await waitFor(async () => raw.some((m) => m.type === 'presence.joined'));
      ws.close(1000, 'done');
      return raw;
    };
    const behind = await joinAt(base);
    expect(behind[0]).toMatchObject({ type: 'gap', cursor: base });
    const replayed = behind.filter((m) => m.type === 'task.created').map((m) => m.event_seq);
    expect(replayed).toHaveLength(RETAINED_EVENTS);
    expect(replayed.at(-1)).toBe(base + RETAINED_EVENTS + 10);

    const near = await joinAt(base + RETAINED_EVENTS + 7);
    expect(near.some((m) => m.type === 'gap')).toBe(false);
    expect(near.filter((m) => m.type === 'task.created').map((m) => m.event_seq)).toEqual([
      base + RETAINED_EVENTS + 8,
      base + RETAINED_EVENTS + 9,
      base + RETAINED_EVENTS + 10,
    ]);
  });

  it('streams the same events over SSE with their seq as id, and Last-Event-ID resumes there', async () => {
    const { company, listed } = await acceptedEngagement();
    const [first, second, third] = listed;
    const response = await call(`/v1/events/stream?since=${first?.seq}&token=${company.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const streamed = await readSse(response, 2);
    expect(streamed.map((m) => [m.id, m.event])).toEqual([
      [String(second?.seq), second?.type],
      [String(third?.seq), third?.type],
    ]);
    expect(streamed[0]?.data).toMatchObject({ id: second?.id, seq: second?.seq });

    const resumed = await call('/v1/events/stream', {
      token: company.token,
      headers: { 'Last-Event-ID': String(second?.seq) },
    });
    const [next] = await readSse(resumed, 1);
    expect(next?.id).toBe(String(third?.seq));
  });

  it("starts at now without a cursor and never shows another company's events", async () => {
    const { company, engagement } = await acceptedEngagement();
    const outsider = await signupCompany('Outsider AG');
    const theirExpert = await signupExpert();
    await requestEngagement(outsider, theirExpert.expertId ?? ''); // so the outsider has an event of its own
    const live = call(`/v1/events/stream?token=${company.token}`);
    const elsewhere = call(`/v1/events/stream?token=${outsider.token}&since=0`);
    const [mine, theirs] = await Promise.all([live, elsewhere]);
    // Something new happens on the engagement after the stream opened.
    await call(`/v1/engagements/${engagement.id}/complete`, { method: 'POST', token: company.token });
    const [fresh] = await readSse(mine, 1);
    expect(fresh?.data.data.engagement_id).toBe(engagement.id);
    expect(fresh?.event).not.toBe('engagement.requested'); // nothing from before the stream began
    const outsiders = await readSse(theirs, 1);
    expect(outsiders.every((m) => m.data.data.engagement_id !== engagement.id)).toBe(true);
    expect(outsiders.length).toBeGreaterThan(0);
  });
});
