import { describe, expect, it } from 'vitest';
import { FetchFailedError, safeFetch, UnsafeUrlError } from '../../src/lib/safe-fetch';

const PUBLIC_IP = '93.184.216.34';
const HTML = { 'content-type': 'text/html; charset=utf-8' };

type Handler = (url: string, init?: RequestInit) => Response | Promise<Response>;

/** A fake network: records every URL asked for, answers from a script (unscripted URLs get a 404). */
function fakeNet(routes: Record<string, Handler> = {}) {
  const calls: string[] = [];
  const inits: (RequestInit | undefined)[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push(url);
    inits.push(init);
    const handler = routes[url];
    return handler ? handler(url, init) : new Response('not found', { status: 404, headers: HTML });
  }) as typeof fetch;
  return { fetchFn, calls, inits };
}

const DNS: Record<string, string[]> = {
  'internal.example.com': ['10.0.0.5'],
  'loop.example.com': ['127.0.0.1'],
  'meta.example.com': ['169.254.169.254'],
  'cgnat.example.com': ['100.100.100.200'],
  'bench.example.com': ['198.18.0.7'],
  'v6loop.example.com': ['::1'],
  'v6ula.example.com': ['fd12:3456::1'],
  'v6link.example.com': ['fe80::1'],
  'mapped.example.com': ['::ffff:10.0.0.1'],
  'nat64.example.com': ['64:ff9b::a9fe:a9fe'],
  'mixed.example.com': [PUBLIC_IP, '10.0.0.1'],
  'mixed6.example.com': [PUBLIC_IP, '2606:2800:220:1::1', 'fe80::1'],
  'garbage.example.com': ['not-an-ip'],
  'nothing.example.com': [],
};

function fakeResolver() {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    asked.push(host);
    return DNS[host] ?? [PUBLIC_IP, '2606:2800:220:1:248:1893:25c8:1946'];
  };
  return { resolve, asked };
}

const html =
  (body: string, status = 200) =>
  () =>
    new Response(body, { status, headers: HTML });
const redirect =
  (location: string, status = 302) =>
  () =>
    new Response(null, { status, headers: { location } });

async function refusal(promise: Promise<unknown>): Promise<UnsafeUrlError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnsafeUrlError);
  return error as UnsafeUrlError;
}

async function failure(promise: Promise<unknown>): Promise<FetchFailedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchFailedError);
  return error as FetchFailedError;
}

const IP_LITERALS = [
  'http://127.0.0.1/',
  'http://127.0.0.1:80/',
  'https://127.0.0.1:443/',
  'http://127.0.0.1./',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0x7f.0.0.1/',
  'http://0x7f.0x0.0x0.0x1/',
  'http://0177.0.0.1/',
  'http://0177.0000.0000.0001/',
  'http://017700000001/',
  'http://127.1/',
  'http://127.0.1/',
  'http://0x7f.1/',
  'http://%31%32%37.0.0.1/',
  'http://１２７.０.０.１/',
  'http://0/',
  'http://0.0.0.0/',
  'http://10.0.0.1/',
  'http://172.16.0.1/',
  'http://172.31.255.255/',
  'http://192.168.1.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://2852039166/latest/meta-data/',
  'http://0xa9fea9fe/',
  'http://100.64.0.1/',
  'http://100.100.100.200/',
  'http://198.18.0.1/',
  'http://192.0.2.1/',
  'http://224.0.0.1/',
  'http://255.255.255.255/',
  'http://8.8.8.8/', // any IP literal, even a public one
  'http://[::1]/',
  'http://[::]/',
  'http://[0:0:0:0:0:0:0:1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[::ffff:169.254.169.254]/',
  'http://[::127.0.0.1]/',
  'http://[64:ff9b::7f00:1]/',
  'http://[64:ff9b::10.0.0.1]/',
  'http://[fe80::1]/',
  'http://[fc00::1]/',
  'http://[fd00:ec2::254]/',
  'http://[2001:4860:4860::8888]/',
];

const INTERNAL_NAMES = [
  'http://localhost/',
  'http://LOCALHOST/',
  'http://localhost./',
  'http://api.localhost/',
  'http://printer.local/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://service.internal/',
  'http://metadata/',
  'http://router.lan/',
];

const EMBEDDED_IPS = [
  'http://127.0.0.1.nip.io/',
  'http://app.10.0.0.1.nip.io/',
  'http://10-0-0-1.sslip.io/',
  'http://app-192-168-0-1.sslip.io/',
  'http://169-254-169-254.sslip.io/',
  'http://0x7f000001.nip.io/',
  'http://magic-7f000001.nip.io/',
  'http://0177.0.0.1.nip.io/',
  'http://2130706433.nip.io/',
  'http://--1.sslip.io/',
  'http://fe80--1.sslip.io/',
];

const BAD_SCHEMES = [
  'file:///etc/passwd',
  'ftp://example.com/',
  'gopher://example.com:70/_stats',
  'data:text/html,<h1>hi</h1>',
  'javascript:alert(1)',
  'ws://example.com/',
  'not a url',
  '',
];

const BAD_PORTS = [
  'http://example.com:22/',
  'http://example.com:8080/',
  'http://example.com:6379/',
  'https://example.com:8443/',
  'http://example.com:0/',
];

const CREDENTIALS = [
  'http://user:pass@example.com/',
  'http://user@example.com/',
  'http://:secret@example.com/',
  'http://example.com@127.0.0.1/',
];

const RESOLVES_PRIVATE = Object.keys(DNS)
  .filter((host) => !['nothing.example.com'].includes(host))
  .map((host) => `https://${host}/`);

describe('safeFetch refuses unsafe URLs without fetching them', () => {
  const table: [string, string, string[]][] = [
    ['IP literal', 'ip_literal', IP_LITERALS],
    ['internal name', 'blocked_hostname', INTERNAL_NAMES],
    ['embedded IP', 'embedded_ip', EMBEDDED_IPS],
    ['scheme', 'scheme|invalid_url', BAD_SCHEMES],
    ['port', 'port', BAD_PORTS],
    ['credentials', 'credentials', CREDENTIALS],
    ['resolves to a non-public address', 'private_address', RESOLVES_PRIVATE],
  ];
  for (const [group, reasons, urls] of table) {
    it.each(urls)(`refuses ${group}: %s`, async (url) => {
      const net = fakeNet();
      const error = await refusal(safeFetch(url, { fetch: net.fetchFn, resolve: fakeResolver().resolve }));
      expect(reasons.split('|')).toContain(error.reason);
      expect(net.calls).toEqual([]);
    });
  }

  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
  ])('relies on the runtime URL parser normalising %s to %s', (url, hostname) => {
    expect(new URL(url).hostname).toBe(hostname);
  });

  it('judges IP literals and internal names before asking DNS', async () => {
    const dns = fakeResolver();
    for (const url of [...IP_LITERALS, ...INTERNAL_NAMES, ...EMBEDDED_IPS, ...BAD_PORTS]) {
      await refusal(safeFetch(url, { fetch: fakeNet().fetchFn, resolve: dns.resolve }));
    }
    expect(dns.asked).toEqual([]);
  });

  it('refuses with the default DoH resolver when an AAAA answer is private, fetching only the resolver', async () => {
    const dnsJson = (type: number, data: string) => () =>
      Response.json({ Status: 0, Answer: [{ name: 'sneaky.example.com', type, data }] });
    const net = fakeNet({
      'https://cloudflare-dns.com/dns-query?name=sneaky.example.com&type=A': dnsJson(1, PUBLIC_IP),
      'https://cloudflare-dns.com/dns-query?name=sneaky.example.com&type=AAAA': dnsJson(28, '::1'),
    });
    const error = await refusal(safeFetch('https://sneaky.example.com/', { fetch: net.fetchFn }));
    expect(error.reason).toBe('private_address');
    expect(net.calls.every((u) => u.startsWith('https://cloudflare-dns.com/dns-query?'))).toBe(true);
    expect(new Headers(net.inits[0]?.headers).get('accept')).toBe('application/dns-json');
  });

  it('fails permanently (not unsafe) for a name without addresses', async () => {
    const net = fakeNet();
    const error = await failure(
      safeFetch('https://nothing.example.com/', { fetch: net.fetchFn, resolve: fakeResolver().resolve }),
    );
    expect(error).toMatchObject({ kind: 'dns', transient: false });
    expect(net.calls).toEqual([]);
  });
});

describe('safeFetch re-checks every redirect hop', () => {
  const TARGETS = [
    'http://127.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:127.0.0.1]/',
    'http://2130706433/',
    'http://localhost/',
    'http://metadata.google.internal/',
    'http://10-0-0-1.sslip.io/',
    'https://internal.example.com/admin',
    'https://mixed.example.com/',
    '//127.0.0.1/', // protocol-relative
    'http://example.com:6379/',
    'file:///etc/passwd',
    'http://user:pass@example.org/',
  ];
  const cases = [301, 302, 303, 307, 308].flatMap((status) => TARGETS.map((t) => [status, t] as const));

  it.each(cases)('refuses a %i redirect to %s', async (status, target) => {
    const net = fakeNet({ 'https://public.example/': redirect(target, status) });
    await refusal(
      safeFetch('https://public.example/', { fetch: net.fetchFn, resolve: fakeResolver().resolve }),
    );
    expect(net.calls).toEqual(['https://public.example/']);
  });

  it('refuses a chain of relative redirects and public hosts that ends at the metadata address', async () => {
    const net = fakeNet({
      'https://public.example/': redirect('/step-1', 301),
      'https://public.example/step-1': redirect('step-2', 307),
      'https://public.example/step-2': redirect('https://other.example/next', 308),
      'https://other.example/next': redirect('http://169.254.169.254/latest/meta-data/', 302),
    });
    const error = await refusal(
      safeFetch('https://public.example/', { fetch: net.fetchFn, resolve: fakeResolver().resolve }),
    );
    expect(error.reason).toBe('ip_literal');
    expect(net.calls).toEqual([
      'https://public.example/',
      'https://public.example/step-1',
      'https://public.example/step-2',
      'https://other.example/next',
    ]);
  });

  it('refuses a redirect to a name that resolves to a private address, before fetching it', async () => {
    const net = fakeNet({ 'https://public.example/': redirect('https://v6loop.example.com/', 301) });
    const error = await refusal(
      safeFetch('https://public.example/', { fetch: net.fetchFn, resolve: fakeResolver().resolve }),
    );
    expect(error.reason).toBe('private_address');
    expect(net.calls).toEqual(['https://public.example/']);
  });

  it('refuses more than maxRedirects hops, and a redirect loop', async () => {
    const routes: Record<string, Handler> = {};
    for (let i = 0; i < 6; i++) routes[`https://public.example/${i}`] = redirect(`/${i + 1}`);
    routes['https://public.example/6'] = html('<p>end</p>');
    const net = fakeNet(routes);
    const error = await refusal(
      safeFetch('https://public.example/0', { fetch: net.fetchFn, resolve: fakeResolver().resolve }),
    );
    expect(error.reason).toBe('too_many_redirects');
    expect(net.calls).toHaveLength(6);
    expect(net.calls).not.toContain('https://public.example/6');

    const loop = fakeNet({ 'https://loop.example/': redirect('/') });
    const loopError = await refusal(
      safeFetch('https://loop.example/', { fetch: loop.fetchFn, resolve: fakeResolver().resolve }),
    );
    expect(loopError.reason).toBe('too_many_redirects');
  });

  it('follows exactly maxRedirects hops', async () => {
    const routes: Record<string, Handler> = {};
    for (let i = 0; i < 5; i++) routes[`https://public.example/${i}`] = redirect(`/${i + 1}`);
    routes['https://public.example/5'] = html('<p>end</p>');
    const net = fakeNet(routes);
    const result = await safeFetch('https://public.example/0', {
      fetch: net.fetchFn,
      resolve: fakeResolver().resolve,
    });
    expect(result.url).toBe('https://public.example/5');
    expect(result.redirects).toHaveLength(5);
  });
});

describe('safeFetch fetches public pages', () => {
  it('reports how long the page took to arrive', async () => {
    const slow: Handler = async () => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      return new Response('<p>late</p>', { headers: HTML });
    };
    const net = fakeNet({ 'https://www.example.com/': slow });
    const result = await safeFetch('https://www.example.com/', {
      fetch: net.fetchFn,
      resolve: fakeResolver().resolve,
    });
    expect(result.fetchMs).toBeGreaterThanOrEqual(50);
    expect(result.fetchMs).toBeLessThan(5_000);
  });

  it('returns a public HTML page with its metadata, sending the bot User-Agent and manual redirects', async () => {
    const net = fakeNet({ 'https://www.example.com/impressum': html('<h1>Impressum</h1>') });
    const result = await safeFetch('https://www.example.com/impressum#top', {
      fetch: net.fetchFn,
      resolve: fakeResolver().resolve,
    });
    expect(result).toMatchObject({
      url: 'https://www.example.com/impressum',
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: '<h1>Impressum</h1>',
      bytes: 18,
      redirects: [],
    });
    const init = net.inits[0];
    expect(init?.redirect).toBe('manual');
    expect(new Headers(init?.headers).get('user-agent')).toBe('EngageBot/1.0 (+https://engage.example/bot)');
  });

  it('decodes by the charset of the header, else of the page’s <meta>, else UTF-8', async () => {
    // "Müller" in ISO-8859-1: ü is the single byte 0xFC.
    const latin1 = (head: string) =>
      new Uint8Array(
        [...`<html><head>${head}</head><body>M`]
          .map((c) => c.charCodeAt(0))
          .concat(
            [0xfc],
            [...'ller'].map((c) => c.charCodeAt(0)),
          ),
      );
    const page = (body: Uint8Array, type: string) => () =>
      new Response(body, { headers: { 'content-type': type } });
    const net = fakeNet({
      'https://a.example.com/': page(latin1(''), 'text/html; charset=ISO-8859-1'),
      'https://b.example.com/': page(latin1('<meta charset="iso-8859-1">'), 'text/html'),
      'https://c.example.com/': page(
        latin1('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'),
        'text/html',
      ),
      'https://d.example.com/': page(new TextEncoder().encode('<p>Müller</p>'), 'text/html'),
    });
    const read = async (url: string) =>
      (await safeFetch(url, { fetch: net.fetchFn, resolve: fakeResolver().resolve })).body;
    expect(await read('https://a.example.com/')).toContain('Müller');
    expect(await read('https://b.example.com/')).toContain('Müller');
    expect(await read('https://c.example.com/')).toContain('Müller');
    expect(await read('https://d.example.com/')).toContain('Müller');
  });

  it('accepts explicit default ports and application/xhtml+xml', async () => {
    const net = fakeNet({
      'http://example.com/': () =>
        new Response('<html/>', { headers: { 'content-type': 'application/xhtml+xml' } }),
    });
    const result = await safeFetch('http://example.com:80/', {
      fetch: net.fetchFn,
      resolve: fakeResolver().resolve,
    });
    expect(result.body).toBe('<html/>');
    await expect(
      safeFetch('https://example.com:443/', {
        fetch: fakeNet({ 'https://example.com/': html('ok') }).fetchFn,
        resolve: fakeResolver().resolve,
      }),
    ).resolves.toMatchObject({ url: 'https://example.com/' });
  });

  it('follows a redirect to another public host, resolving each host', async () => {
    const dns = fakeResolver();
    const net = fakeNet({
      'http://example.com/': redirect('https://www.example.org/home', 301),
      'https://www.example.org/home': html('<p>home</p>'),
    });
    const result = await safeFetch('http://example.com/', { fetch: net.fetchFn, resolve: dns.resolve });
    expect(result.url).toBe('https://www.example.org/home');
    expect(result.redirects).toEqual(['https://www.example.org/home']);
    expect(dns.asked).toEqual(['example.com', 'www.example.org']);
  });

  it('lets an allowed host:port through and keeps every other port of it refused', async () => {
    const net = fakeNet({ 'http://127.0.0.1:8788/': html('<p>fixture</p>') });
    const options = { fetch: net.fetchFn, resolve: fakeResolver().resolve, allowedHosts: ['127.0.0.1:8788'] };
    await expect(safeFetch('http://127.0.0.1:8788/', options)).resolves.toMatchObject({
      body: '<p>fixture</p>',
    });
    const error = await refusal(safeFetch('http://127.0.0.1:8789/', options));
    expect(error.reason).toBe('port');
    await refusal(safeFetch('http://127.0.0.1/', options));
    expect(net.calls).toEqual(['http://127.0.0.1:8788/']);
  });
});

describe('safeFetch limits and failures', () => {
  it('aborts a streamed body past maxBytes and cancels the stream', async () => {
    let pulls = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(1024).fill(60));
      },
      cancel() {
        cancelled = true;
      },
    });
    const net = fakeNet({ 'https://big.example/': () => new Response(stream, { headers: HTML }) });
    const error = await failure(
      safeFetch('https://big.example/', {
        fetch: net.fetchFn,
        resolve: fakeResolver().resolve,
        maxBytes: 10_000,
      }),
    );
    expect(error).toMatchObject({ kind: 'too_large', transient: false });
    expect(pulls).toBeLessThan(20);
    expect(cancelled).toBe(true);
  });

  it('refuses a declared Content-Length over maxBytes before reading', async () => {
    const net = fakeNet({
      'https://big.example/': () =>
        new Response('x'.repeat(200), { headers: { ...HTML, 'content-length': '200' } }),
    });
    const error = await failure(
      safeFetch('https://big.example/', {
        fetch: net.fetchFn,
        resolve: fakeResolver().resolve,
        maxBytes: 100,
      }),
    );
    expect(error.kind).toBe('too_large');
  });

  it('keeps the first maxBytes of a longer body when asked to truncate, and stops reading', async () => {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new TextEncoder().encode('<url><loc>https://a.example/x</loc></url>\n'));
      },
    });
    const xml = { 'content-type': 'application/xml', 'content-length': '99999999' };
    const net = fakeNet({ 'https://big.example/sitemap.xml': () => new Response(stream, { headers: xml }) });
    const page = await safeFetch('https://big.example/sitemap.xml', {
      fetch: net.fetchFn,
      resolve: fakeResolver().resolve,
      accept: 'xml',
      maxBytes: 1000,
      overflow: 'truncate',
    });
    expect(page.bytes).toBe(1000);
    expect(page.body.length).toBe(1000);
    expect(page.body.startsWith('<url><loc>https://a.example/x</loc>')).toBe(true);
    expect(pulls).toBeLessThan(30);
  });

  it.each([
    ['application/xml', true],
    ['text/xml; charset=utf-8', true],
    ['text/plain', true],
    ['text/html', false],
    ['application/json', false],
  ])('accepts "%s" as a sitemap: %s', async (type, accepted) => {
    const net = fakeNet({
      'https://example.com/sitemap.xml': () =>
        new Response('<urlset/>', { headers: { 'content-type': type } }),
    });
    const fetched = safeFetch('https://example.com/sitemap.xml', {
      fetch: net.fetchFn,
      resolve: fakeResolver().resolve,
      accept: 'xml',
    });
    if (accepted) expect((await fetched).body).toBe('<urlset/>');
    else expect(await failure(fetched)).toMatchObject({ kind: 'content_type' });
    expect(net.inits[0]?.headers).toMatchObject({ accept: expect.stringContaining('application/xml') });
  });

  it('times out (transient) on a body that never ends', async () => {
    const never = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('<html>'));
      },
    });
    const net = fakeNet({ 'https://slow.example/': () => new Response(never, { headers: HTML }) });
    const error = await failure(
      safeFetch('https://slow.example/', {
        fetch: net.fetchFn,
        resolve: fakeResolver().resolve,
        timeoutMs: 50,
      }),
    );
    expect(error).toMatchObject({ kind: 'timeout', transient: true });
  });

  it('times out (transient) on a server that never answers', async () => {
    const net = fakeNet({ 'https://slow.example/': () => new Promise<Response>(() => {}) });
    const error = await failure(
      safeFetch('https://slow.example/', {
        fetch: net.fetchFn,
        resolve: fakeResolver().resolve,
        timeoutMs: 50,
      }),
    );
    expect(error).toMatchObject({ kind: 'timeout', transient: true });
  });

  it.each(['application/json', 'image/png', 'text/plain', 'application/pdf', ''])(
    'refuses content type "%s" permanently',
    async (type) => {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      const net = fakeNet({ 'https://example.com/': () => new Response('{}', { headers }) });
      const error = await failure(
        safeFetch('https://example.com/', { fetch: net.fetchFn, resolve: fakeResolver().resolve }),
      );
      expect(error).toMatchObject({ kind: 'content_type', transient: false });
    },
  );

  it.each([
    [404, false],
    [410, false],
    [403, false],
    [429, true],
    [500, true],
    [503, true],
  ])('classifies HTTP %i as transient=%s', async (status, transient) => {
    const net = fakeNet({ 'https://example.com/': html('nope', status) });
    const error = await failure(
      safeFetch('https://example.com/', { fetch: net.fetchFn, resolve: fakeResolver().resolve }),
    );
    expect(error).toMatchObject({ kind: 'http_status', status, transient });
  });

  it('treats a network error and a failing resolver as transient', async () => {
    const net = fakeNet({
      'https://down.example/': () => {
        throw new TypeError('connection refused');
      },
    });
    const error = await failure(
      safeFetch('https://down.example/', { fetch: net.fetchFn, resolve: fakeResolver().resolve }),
    );
    expect(error).toMatchObject({ kind: 'network', transient: true });

    const dnsDown = async () => {
      throw new Error('SERVFAIL');
    };
    const dnsError = await failure(
      safeFetch('https://example.com/', { fetch: net.fetchFn, resolve: dnsDown }),
    );
    expect(dnsError).toMatchObject({ kind: 'dns', transient: true });
  });
});
