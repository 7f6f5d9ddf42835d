// Problems with a meaning of their own carry a stable `type` (and the facts a client needs to put them into
// words), so the dashboard can say "This is a ZIP archive; invoices must be PDF, PNG or JPEG" instead of the
// status line. Problems without one stay about:blank.
import { describe, expect, it } from 'vitest';
import { plainZipBytes } from '../fixtures/files';
import { call, expectProblem, json, signupCompany } from '../helpers';

const type = (slug: string) => `https://engage.test/problems/${slug}`;

describe('problem types', () => {
  it('a wrong password is invalid-credentials', async () => {
    const company = await signupCompany();
    const body = await expectProblem(
      await call('/v1/auth/login', { json: { email: company.email, password: 'not-the-password' } }),
      401,
    );
    expect(body.type).toBe(type('invalid-credentials'));
  });

  it('a ZIP uploaded as an invoice is unsupported-file-type, naming what it is and what is accepted', async () => {
    const company = await signupCompany();
    const form = new FormData();
    form.append('file', new File([plainZipBytes()], 'invoices.zip', { type: 'application/zip' }));
    form.append('purpose', 'invoice');
    const body = await expectProblem(await call('/v1/files', { token: company.token, body: form }), 415);
    expect(body.type).toBe(type('unsupported-file-type'));
    expect(body.detected).toBe('zip');
    expect(body.accepted).toEqual(expect.arrayContaining(['pdf', 'png', 'jpeg']));
    expect(body.accepted).not.toContain('zip');
  });

  it('a URL into a private network is unsafe-url with the rule it breaks', async () => {
    const company = await signupCompany();
    const body = await expectProblem(
      await call('/v1/extractions', { token: company.token, json: { url: 'http://10.0.0.1/' } }),
      422,
    );
    expect(body.type).toBe(type('unsafe-url'));
    expect(body.reason).toBe('ip_literal');
    expect(body.errors[0].path).toBe('url');
  });

  it('a schema violation is validation-failed and malformed JSON is malformed-json', async () => {
    const company = await signupCompany();
    const invalid = await expectProblem(
      await call('/v1/extractions', { token: company.token, json: { url: 42 } }),
      422,
    );
    expect(invalid.type).toBe(type('validation-failed'));
    const malformed = await expectProblem(
      await call('/v1/extractions', {
        token: company.token,
        body: '{"url": ',
        headers: { 'Content-Type': 'application/json' },
      }),
      400,
    );
    expect(malformed.type).toBe(type('malformed-json'));
  });

  it('an API key without the scope is missing-scope, naming it', async () => {
    const company = await signupCompany();
    const key = await json(
      await call('/v1/api-keys', { token: company.token, json: { name: 'reader', scopes: ['tasks:read'] } }),
    );
    const body = await expectProblem(
      await call('/v1/extractions', { token: key.key, json: { url: 'https://a.example' } }),
      403,
    );
    expect(body.type).toBe(type('missing-scope'));
    expect(body.scope).toBe('extractions:write');
  });

  it('a plain not-found stays about:blank', async () => {
    const company = await signupCompany();
    const body = await expectProblem(
      await call('/v1/engagements/eng_01ARZ3NDEKTSV4RRFFQ69G5FAV', { token: company.token }),
      404,
    );
    expect(body.type).toBe('about:blank');
  });
});
