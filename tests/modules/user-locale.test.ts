// A person's language is stored on their account (signup or PATCH /v1/me) and every email to them is written
// in it: the dashboard's choice reaches the inbox.
import { describe, expect, it } from 'vitest';
import {
  call,
  createAdmin,
  expectProblem,
  json,
  requestEngagement,
  signupCompany,
  signupExpert,
} from '../helpers';

async function emailTo(adminToken: string, to: string, template: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { data } = await json(
      await call(`/v1/admin/emails?to=${encodeURIComponent(to)}`, { token: adminToken }),
    );
    const found = data.find((row: { template: string }) => row.template === template);
    if (found) return json(await call(`/v1/admin/emails/${found.id}`, { token: adminToken }));
    if (Date.now() > deadline) throw new Error(`no ${template} email to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the language of a person', () => {
  it('is English unless chosen, and PATCH /v1/me changes it (people only)', async () => {
    const company = await signupCompany();
    const me = await json(await call('/v1/me', { token: company.token }));
    expect(me.user.locale).toBe('en');
    const changed = await json(
      await call('/v1/me', { method: 'PATCH', token: company.token, json: { locale: 'de' } }),
    );
    expect(changed.user.locale).toBe('de');
    expect((await json(await call('/v1/me', { token: company.token }))).user.locale).toBe('de');

    await expectProblem(
      await call('/v1/me', { method: 'PATCH', token: company.token, json: { locale: 'fr' } }),
      422,
    );
    await expectProblem(await call('/v1/me', { method: 'PATCH', token: company.token, json: {} }), 422);
    const key = await json(await call('/v1/api-keys', { token: company.token, json: { name: 'k' } }));
    await expectProblem(
      await call('/v1/me', { method: 'PATCH', token: key.key, json: { locale: 'en' } }),
      403,
    );
  });

  it('decides the language of the emails a person gets', async () => {
    const admin = await createAdmin();
    const company = await signupCompany('Hafenwerk AG');
    const german = await signupExpert({ locale: 'de' });
    const english = await signupExpert();
    await requestEngagement(company, german.expertId ?? '', { title: 'Hafen-Ausschreibung' });
    await requestEngagement(company, english.expertId ?? '', { title: 'Port tender' });

    const de = await emailTo(admin.token, german.email, 'engagementRequested');
    expect(de.subject).toBe('Hafenwerk AG möchte Sie beauftragen');
    expect(de.text).toContain('„Hafen-Ausschreibung“');
    expect(de.text).toMatch(/\d\.?\d*,\d\d\s€/); // the rate in German money style
    expect(de.text).toContain('pro Monat');

    const en = await emailTo(admin.token, english.email, 'engagementRequested');
    expect(en.subject).toBe('Hafenwerk AG would like to engage you');
    expect(en.text).toContain('per month');
  });
});
