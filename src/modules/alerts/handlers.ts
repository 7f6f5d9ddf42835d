// Alerts reach the admins by email: one when an incident opens, one when it recovers (keyed by the event, so
// a redelivered event sends nothing twice).
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../config';
import { createDb } from '../../db/client';
import { alerts } from '../../db/schema';
import type { EventHandler } from '../../events/dispatch';
import { sendEmail } from '../email/service';
import { templatesFor } from '../email/templates';
import { adminPeople } from '../users/people';

export const emailAlertChange: EventHandler = {
  name: 'email.alert_change',
  deduplicatesByEventId: true, // sendEmail keys each message by event id and recipient
  async run(env, event) {
    const alertId = event.data.alert_id;
    if (typeof alertId !== 'string') return;
    const db = createDb(env.DB);
    const alert = await db.query.alerts.findFirst({ where: eq(alerts.id, alertId) });
    if (!alert) return;
    const url = `${loadConfig(env).APP_URL}/admin/alerts`;
    const admins = await adminPeople(db);
    const resolved = event.type === 'alert.resolved';
    for (const admin of admins) {
      const template = resolved ? 'alertResolved' : 'alertOpened';
      await sendEmail(env, db, {
        template,
        to: admin.email,
        cause: `${event.id}:${template}:${admin.id}`,
        content: resolved
          ? templatesFor(admin.locale).alertResolved({
              rule: alert.rule,
              detail: String(event.data.detail ?? alert.detail),
              openedAt: alert.openedAt,
              closedAt: alert.closedAt ?? event.created_at,
              url,
            })
          : templatesFor(admin.locale).alertOpened({
              rule: alert.rule,
              detail: alert.detail,
              openedAt: alert.openedAt,
              url,
            }),
      });
    }
  },
};
