// Registrable domain ("eTLD+1") of a host, approximated without the full Public Suffix List.

// Second-level public suffixes common among the sites we mine; for anything else the last two labels are the domain.
const TWO_LEVEL_SUFFIXES = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'ltd.uk',
  'plc.uk',
  'me.uk',
  'net.uk',
  'co.at',
  'or.at',
  'ac.at',
  'gv.at',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'co.jp',
  'co.za',
  'com.br',
  'com.tr',
  'com.cn',
  'com.mx',
  'co.in',
  'com.sg',
  'com.pl',
  'com.es',
  'com.pt',
  'com.gr',
  'co.il',
  'co.kr',
]);

export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2) return labels.join('.');
  const lastTwo = labels.slice(-2).join('.');
  return TWO_LEVEL_SUFFIXES.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}

export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function sameSite(url: string, siteOrigin: string): boolean {
  const a = hostOf(url);
  const b = hostOf(siteOrigin);
  return a !== null && b !== null && registrableDomain(a) === registrableDomain(b);
}
