// Opaque, prefixed, time-sortable ids (`eng_01J…`): a 48-bit millisecond clock then 80 random bits,
// Crockford base32 like ULID, so ordering by id is ordering by creation and cursors can be the id.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const ID_PREFIXES = {
  org: 'org',
  user: 'usr',
  expert: 'exp',
  engagement: 'eng',
  task: 'tsk',
  extraction: 'ext',
  payment: 'pay',
  payout: 'po',
  file: 'fil',
  event: 'evt',
  webhookEndpoint: 'whe',
  apiKey: 'key',
  deadLetter: 'dlq',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

function encodeTime(ms: number): string {
  let out = '';
  let value = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[value % 32] + out;
    value = Math.floor(value / 32);
  }
  return out;
}

function encodeRandom(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % 32];
  return out;
}

export function newId(kind: IdKind, now = Date.now()): string {
  return `${ID_PREFIXES[kind]}_${encodeTime(now)}${encodeRandom(16)}`;
}
