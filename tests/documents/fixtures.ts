// Shared setup for the document tests: parties with billing details, documents listed and read back as text.
import { extractText, getDocumentProxy } from 'unpdf';
import { call, json, ORIGIN, requestEngagement, signupCompany, signupExpert, waitFor } from '../helpers';

export const DE_COMPANY = {
  legal_name: 'Acme GmbH',
  address_line1: 'Königsallee 1',
  postcode: '40212',
  city: 'Düsseldorf',
  country_code: 'DE',
  vat_id: 'DE811234567',
};

export const FR_COMPANY = {
  legal_name: 'Globex Corporation SAS',
  address_line1: '12 rue de Rivoli',
  postcode: '75004',
  city: 'Paris',
  country_code: 'FR',
  vat_id: 'FR40303265045',
};

export async function companyWith(details: Record<string, unknown>, name = 'Acme GmbH') {
  const company = await signupCompany(name);
  const patched = await call('/v1/orgs/me', {
    method: 'PATCH',
    token: company.token,
    json: { billing_details: details },
  });
  if (patched.status !== 200) throw new Error(`billing details: ${patched.status} ${await patched.text()}`);
  return company;
}

/** A company (with `details`) whose engagement the expert accepted: its first period is billed. */
export async function acceptedWith(details: Record<string, unknown>, amount = 450_000) {
  const company = await companyWith(details);
  const expert = await signupExpert({ max_clients: 10 });
  const engagement = await requestEngagement(company, expert.expertId ?? '', {
    modules: ['TENDER'],
    rate: { amount, currency: 'eur', interval: 'month' },
  });
  await call(`/v1/engagements/${engagement.id}/accept`, { method: 'POST', token: expert.token });
  return { company, expert, engagement };
}

/** Waits for documents of `kind` visible to `token` (the relay runs after each API call). */
export async function documentsOf(token: string, query: string, atLeast = 1) {
  return waitFor(async () => {
    const page = await json(await call(`/v1/documents?${query}`, { token }));
    return page.data?.length >= atLeast ? page.data : undefined;
  });
}

/** The PDF through its signed URL. */
export async function pdfOf(token: string, id: string) {
  const { url } = await json(await call(`/v1/documents/${id}/url`, { token }));
  const response = await call(url.slice(ORIGIN.length));
  if (response.status !== 200) throw new Error(`download: ${response.status} ${await response.text()}`);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

export async function textOf(bytes: Uint8Array) {
  const { text } = await extractText(await getDocumentProxy(bytes.slice()), { mergePages: true });
  return text;
}
