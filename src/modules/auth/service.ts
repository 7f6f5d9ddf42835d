// Sign-up and login: accounts, password hashes and sessions.

import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { experts, orgs, type User, users } from '../../db/schema';
import { hashPassword, verifyPassword } from '../../lib/crypto';
import { ApiError, PROBLEM_TYPES, problemType, unauthorized } from '../../lib/errors';

const emailTaken = () =>
  new ApiError(409, 'An account with this email already exists', {
    type: problemType(PROBLEM_TYPES.emailTaken),
    errors: [{ path: 'email', message: 'An account with this email already exists' }],
  });

import { newId } from '../../lib/ids';
import { creditEntryStatement, syncBalanceStatement } from '../credits/ledger';
import { accountKey, clearAttempts, countAccountAttempt, countAttempt } from './lockout';
import type { LoginInput, SignupInput } from './schema';
import { issueToken, TOKEN_TTL_SECONDS } from './tokens';

export function toUserView(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    org_id: user.orgId,
    expert_id: user.expertId,
    locale: user.locale,
  };
}

async function session(secret: string, user: User) {
  return { token: await issueToken(secret, user), expires_in: TOKEN_TTL_SECONDS, user: toUserView(user) };
}

/** `trialCredits`: AI credits a new company starts with (CREDITS_SIGNUP_GRANT). */
export async function signup(db: Db, secret: string, input: SignupInput, trialCredits = 0) {
  const existing = await db.query.users.findFirst({ where: eq(users.email, input.email) });
  if (existing) throw emailTaken();

  const userId = newId('user');
  const passwordHash = await hashPassword(input.password);
  try {
    await createAccount(db, userId, passwordHash, input, trialCredits);
  } catch (error) {
    // Another sign-up with the same email won the race to the unique index.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  const user = await db.query.users.findFirst({ where: eq(users.id, userId) });
  if (!user) throw new Error('user vanished after insert');
  return session(secret, user);
}

/** The org or expert profile and its first user, in one batch. */
async function createAccount(
  db: Db,
  userId: string,
  passwordHash: string,
  input: SignupInput,
  trialCredits: number,
) {
  if (input.type === 'company') {
    const orgId = newId('org');
    const trial =
      trialCredits > 0
        ? [
            creditEntryStatement(db, {
              orgId,
              amount: trialCredits,
              kind: 'grant',
              sourceKey: `signup:${orgId}`,
              note: 'Trial credits',
            }),
            syncBalanceStatement(db, orgId),
          ]
        : [];
    await db.batch([
      db.insert(orgs).values({ id: orgId, name: input.company_name }),
      db.insert(users).values({
        id: userId,
        email: input.email,
        name: input.name,
        passwordHash,
        role: 'company',
        orgId,
        locale: input.locale ?? 'en',
      }),
      ...trial,
    ]);
  } else {
    const expertId = newId('expert');
    await db.batch([
      db.insert(experts).values({
        id: expertId,
        name: input.name,
        headline: input.headline ?? '',
        skills: input.skills ?? [],
        modules: input.modules ?? [],
        rateAmount: input.rate?.amount ?? 0,
        rateCurrency: input.rate?.currency ?? 'eur',
        rateInterval: input.rate?.interval ?? 'month',
        maxClients: input.max_clients ?? 3,
      }),
      db.insert(users).values({
        id: userId,
        email: input.email,
        name: input.name,
        passwordHash,
        role: 'expert',
        expertId,
        locale: input.locale ?? 'en',
      }),
    ]);
  }
}

// Verified against when the email is unknown, so both failures take the same time.
const DUMMY_HASH = 'pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** `clientAddress` scopes the failure count, so nobody can lock an account out from elsewhere. */
export async function login(db: Db, secret: string, input: LoginInput, clientAddress: string) {
  const lockoutKey = `${clientAddress}|${input.email}`;
  // Counted before the password is checked, so parallel guesses cannot all slip under the limit.
  await countAttempt(db, lockoutKey);
  await countAccountAttempt(db, input.email);
  const user = await db.query.users.findFirst({ where: eq(users.email, input.email) });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw unauthorized('Email or password is wrong', PROBLEM_TYPES.invalidCredentials);
  if (user.disabledAt) throw unauthorized('This account is disabled', PROBLEM_TYPES.accountDisabled);
  await clearAttempts(db, lockoutKey);
  await clearAttempts(db, accountKey(input.email));
  return session(secret, user);
}
