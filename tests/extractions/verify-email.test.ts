// Email verification with DNS answered at the fetch boundary: MX present, null MX, no MX, no such domain, DNS
// failing; role, free-mail and disposable addresses; one lookup per domain however many addresses.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyEmail, verifyEmails } from '../../src/modules/extractions/verify/email';

afterEach(() => vi.restoreAllMocks());

type Answer = { Status: number; Answer?: { type: number; data: string }[] } | 'fail';

function dns(answers: Record<string, Answer>) {
  const asked: string[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    expect(url.hostname).toBe('cloudflare-dns.com');
    expect(url.searchParams.get('type')).toBe('MX');
    const name = url.searchParams.get('name') ?? '';
    asked.push(name);
    const answer = answers[name] ?? { Status: 0, Answer: [{ type: 15, data: `10 mx.${name}.` }] };
    if (answer === 'fail') return new Response('busy', { status: 503 });
    return Response.json(answer);
  });
  return { asked, fetch: spy as unknown as typeof fetch };
}

const verify = (address: string) => verifyEmail(address, globalThis.fetch);

describe('verifyEmail', () => {
  it('calls an address deliverable when its domain has mail exchangers', async () => {
    dns({});
    expect(await verify('anna.berger@firma-mueller.de')).toEqual({
      mx: 'present',
      role: false,
      free: false,
      disposable: false,
      status: 'deliverable',
    });
  });

  it('tells a null MX, no MX and no such domain apart, all undeliverable', async () => {
    dns({
      'nomail.de': { Status: 0, Answer: [{ type: 15, data: '0 .' }] },
      'nomx.de': { Status: 0, Answer: [] },
      'gibtsnicht.de': { Status: 3 },
    });
    expect(await verify('info@nomail.de')).toMatchObject({ mx: 'null', status: 'undeliverable' });
    expect(await verify('info@nomx.de')).toMatchObject({ mx: 'none', status: 'undeliverable' });
    expect(await verify('info@gibtsnicht.de')).toMatchObject({ mx: 'none', status: 'undeliverable' });
  });

  it('calls an address risky when DNS cannot say, or the domain is disposable', async () => {
    dns({ 'flaky.de': 'fail' });
    expect(await verify('info@flaky.de')).toMatchObject({ mx: 'unknown', status: 'risky' });
    expect(await verify('someone@mailinator.com')).toMatchObject({ disposable: true, status: 'risky' });
  });

  it('flags role and free-mail addresses without downgrading them', async () => {
    dns({});
    expect(await verify('info@firma.de')).toMatchObject({ role: true, free: false, status: 'deliverable' });
    expect(await verify('Vertrieb@firma.de')).toMatchObject({ role: true });
    expect(await verify('max.mustermann@gmail.com')).toMatchObject({
      role: false,
      free: true,
      status: 'deliverable',
    });
    expect(await verify('max@web.de')).toMatchObject({ free: true });
  });

  it('refuses bad syntax without asking DNS', async () => {
    const { asked } = dns({});
    for (const address of ['a..b@firma.de', '.a@firma.de', 'a@firma', 'a@-firma.de', '@firma.de']) {
      expect(await verify(address), address).toMatchObject({ status: 'undeliverable', mx: 'unknown' });
    }
    expect(asked).toEqual([]);
  });
});

describe('verifyEmails', () => {
  it('looks each domain up once, lowers the confidence of doubtful addresses and sorts emails best first', async () => {
    const { asked, fetch } = dns({ 'alt-firma.de': { Status: 0, Answer: [{ type: 15, data: '0 .' }] } });
    const entity = (value: string, confidence: number) => ({
      type: 'EMAIL' as const,
      value,
      confidence,
      source_url: 'https://firma.de/impressum',
    });
    const result = await verifyEmails(
      [
        entity('info@alt-firma.de', 90),
        entity('info@firma.de', 80),
        entity('vertrieb@firma.de', 70),
        { type: 'PHONE', value: '+49301234567', confidence: 90, source_url: 'https://firma.de' },
      ],
      fetch,
    );
    expect(asked.sort()).toEqual(['alt-firma.de', 'firma.de']);
    expect(result.map((e) => [e.value, e.confidence, e.verification?.status])).toEqual([
      ['info@firma.de', 80, 'deliverable'],
      ['vertrieb@firma.de', 70, 'deliverable'],
      ['info@alt-firma.de', 20, 'undeliverable'],
      ['+49301234567', 90, undefined],
    ]);
  });
});
