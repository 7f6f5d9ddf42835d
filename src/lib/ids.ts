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
  webhookDelivery: 'whd',
  webhookAttempt: 'wha',
  apiKey: 'key',
  deadLetter: 'dlq',
  email: 'eml',
  emailJob: 'ejb',
  review: 'rev',
  ledger: 'led',
  payoutRun: 'run',
  billingPeriod: 'bp',
  creditEntry: 'cre',
  document: 'doc',
  extractionBatch: 'exb',
  alert: 'alr',
  notification: 'ntf',
  adminAction: 'aud',
  mcpSession: 'mcs',
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

const RANDOM_DIGITS = 16;
let lastTime = -1;
let lastRandom: number[] = [];

/**
 * Monotonic within an isolate, like ULID's monotonic mode: ids made in the same millisecond increment the
 * random part instead of drawing a new one, so events written by one request keep their order.
 */
function nextRandom(time: number): number[] {
  if (time === lastTime) {
    const digits = [...lastRandom];
    for (let i = digits.length - 1; i >= 0; i--) {
      const digit = digits[i] ?? 0;
      if (digit < 31) {
        digits[i] = digit + 1;
        break;
      }
      digits[i] = 0;
    }
    lastRandom = digits;
    return digits;
  }
  lastTime = time;
  // The leading digit stays below 16, leaving room to increment without overflowing into the time.
  lastRandom = Array.from(crypto.getRandomValues(new Uint8Array(RANDOM_DIGITS)), (b, i) =>
    i === 0 ? b % 16 : b % 32,
  );
  return lastRandom;
}

/** The smallest id of `kind` made at `ms`: a bound for scanning ids (which sort by time) by time. */
export function idAt(kind: IdKind, ms: number): string {
  return `${ID_PREFIXES[kind]}_${encodeTime(ms)}${'0'.repeat(RANDOM_DIGITS)}`;
}

export function newId(kind: IdKind, now = Date.now()): string {
  const time = Math.max(now, lastTime);
  const random = nextRandom(time)
    .map((d) => ALPHABET[d])
    .join('');
  return `${ID_PREFIXES[kind]}_${encodeTime(time)}${random}`;
}
