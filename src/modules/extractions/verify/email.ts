// Email verification without SMTP probing: syntax, the domain's MX through DoH (cached per domain for the
// run), role address, free-mail provider and disposable domain. The verdict: undeliverable when the syntax is
// bad or the domain takes no mail (null MX, no MX, no such domain); risky when disposable or DNS could not
// say; deliverable otherwise. Role and free-mail addresses are flagged, not downgraded: a small company's
// info@ or its owner's gmail address is the lead. Confidence follows the verdict.
import type { EmailVerification } from '../../../db/schema';
import { lookupMx, type MxAnswer } from '../../../lib/safe-fetch/mx';
import type { Entity } from '../parse';
import { isDisposableDomain, isFreeMailDomain, isRoleAddress } from './lists';

export type VerifiedEntity = Entity & { verification?: EmailVerification };

const SYNTAX =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** MX answers per domain, for one run (one extraction, or one batch's worth of them). */
export type MxCache = Map<string, Promise<MxAnswer>>;

export async function verifyEmail(address: string, fetchFn: typeof fetch, cache: MxCache = new Map()) {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  const syntaxOk = at > 0 && SYNTAX.test(address) && !local.startsWith('.') && !local.includes('..');
  let mx: MxAnswer = 'unknown';
  if (syntaxOk) {
    let pending = cache.get(domain);
    if (!pending) {
      pending = lookupMx(domain, fetchFn);
      cache.set(domain, pending);
    }
    mx = await pending;
  }
  const disposable = isDisposableDomain(domain);
  const verification: EmailVerification = {
    mx,
    role: isRoleAddress(local),
    free: isFreeMailDomain(domain),
    disposable,
    status:
      !syntaxOk || mx === 'null' || mx === 'none'
        ? 'undeliverable'
        : disposable || mx === 'unknown'
          ? 'risky'
          : 'deliverable',
  };
  return verification;
}

const adjusted = (confidence: number, status: EmailVerification['status']) =>
  status === 'undeliverable'
    ? Math.min(confidence, 20)
    : status === 'risky'
      ? Math.max(0, confidence - 15)
      : confidence;

/** Verifies every EMAIL entity (lookups in parallel, one per domain) and re-sorts emails best first. */
export async function verifyEmails(
  entities: Entity[],
  fetchFn: typeof fetch,
  cache: MxCache = new Map(),
): Promise<VerifiedEntity[]> {
  const verified = await Promise.all(
    entities.map(async (entity): Promise<VerifiedEntity> => {
      if (entity.type !== 'EMAIL') return entity;
      const verification = await verifyEmail(entity.value, fetchFn, cache);
      return { ...entity, confidence: adjusted(entity.confidence, verification.status), verification };
    }),
  );
  // Stable: only emails change order among themselves (types stay grouped as merge sorted them).
  const emails = verified.filter((e) => e.type === 'EMAIL').sort((a, b) => b.confidence - a.confidence);
  let next = 0;
  return verified.map((e) => (e.type === 'EMAIL' ? (emails[next++] ?? e) : e));
}
