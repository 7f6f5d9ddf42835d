// 429 with Retry-After when a Workers Rate Limiting binding says no.
import { ApiError, PROBLEM_TYPES, problemType } from './errors';

export async function enforceRateLimit(
  limiter: RateLimit,
  key: string,
  periodSeconds: number,
): Promise<void> {
  const { success } = await limiter.limit({ key });
  if (!success) {
    throw new ApiError(429, 'Too many attempts; try again later', {
      type: problemType(PROBLEM_TYPES.rateLimited),
      headers: { 'Retry-After': String(periodSeconds) },
    });
  }
}

export function clientAddress(headers: Headers): string {
  return headers.get('CF-Connecting-IP') ?? headers.get('X-Forwarded-For')?.split(',')[0]?.trim() ?? 'local';
}
