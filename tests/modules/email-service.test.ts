import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { sendEmail } from '../../src/modules/email/service';
import { templates } from '../../src/modules/email/templates';

const request = (cause: string) => ({
  template: 'taskCompleted' as const,
  to: 'ops@example.test',
  cause,
  content: templates.taskCompleted({
    memberName: 'Olivia',
    taskTitle: 'Invoice 42',
    url: 'http://engage.test/t',
  }),
});

async function sentEvents(emailId: string) {
  const { results } = await env.DB.prepare(
    "SELECT id FROM events WHERE type = 'email.sent' AND json_extract(data, '$.email_id') = ?",
  )
    .bind(emailId)
    .all();
  return results.length;
}

describe('sendEmail', () => {
  it('stores the email as sent (embedded provider) and records email.sent once', async () => {
    const log = await sendEmail(env, createDb(env.DB), request('evt_1:taskCompleted:usr_1'));
    expect(log).toMatchObject({ status: 'sent', provider: 'embedded', subject: 'Completed: Invoice 42' });
    expect(log.html).toContain('Invoice 42');
    expect(log.text).toContain('Invoice 42');
    expect(await sentEvents(log.id)).toBe(1);
  });

  it('sends one email and records one event when the same cause arrives twice, even at once', async () => {
    const db = createDb(env.DB);
    const [a, b] = await Promise.all([
      sendEmail(env, db, request('evt_2:taskCompleted:usr_1')),
      sendEmail(env, db, request('evt_2:taskCompleted:usr_1')),
    ]);
    expect(a.id).toBe(b.id);
    await sendEmail(env, db, request('evt_2:taskCompleted:usr_1'));
    const { results } = await env.DB.prepare('SELECT id FROM email_logs WHERE id = ?').bind(a.id).all();
    expect(results).toHaveLength(1);
    expect(await sentEvents(a.id)).toBe(1);
  });

  it('escapes what it puts into HTML', () => {
    const email = templates.taskCompleted({
      memberName: '<b>x</b>',
      taskTitle: 'a & b',
      url: 'http://e.test',
    });
    expect(email.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(email.html).toContain('a &amp; b');
  });
});
