// Session tokens: HS256 JWTs with an explicit algorithm on both sides, 1 h lifetime, claims checked by zod.
import { z } from '@hono/zod-openapi';
import { sign, verify } from 'hono/jwt';
import type { Principal } from '../../env';

export const TOKEN_TTL_SECONDS = 60 * 60;

const claimsSchema = z.object({
  sub: z.string().startsWith('usr_'),
  role: z.enum(['company', 'expert', 'admin']),
  org: z.string().nullable().optional(),
  expert: z.string().nullable().optional(),
  exp: z.number(),
  iat: z.number(),
});

export async function issueToken(
  secret: string,
  user: { id: string; role: Principal['role']; orgId: string | null; expertId: string | null },
  now = Math.floor(Date.now() / 1000),
): Promise<string> {
  const claims = {
    sub: user.id,
    role: user.role,
    ...(user.orgId ? { org: user.orgId } : {}),
    ...(user.expertId ? { expert: user.expertId } : {}),
    iat: now,
    exp: now + TOKEN_TTL_SECONDS,
  };
  return sign(claims, secret, 'HS256');
}

/** The principal a token stands for, or null for a forged, expired, `alg: none` or malformed token. */
export async function principalFromToken(secret: string, token: string): Promise<Principal | null> {
  try {
    const payload = await verify(token, secret, { alg: 'HS256', exp: true, nbf: true, iat: true });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return null;
    const { sub, role, org, expert, exp } = claims.data;
    if (role === 'company' && !org) return null;
    if (role === 'expert' && !expert) return null;
    return {
      userId: sub,
      role,
      orgId: org ?? null,
      expertId: expert ?? null,
      apiKeyId: null,
      expiresAt: exp * 1000,
    };
  } catch {
    return null;
  }
}
