import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../src/app';
import { ConfigError, loadConfig } from '../../src/config';

describe('configuration', () => {
  it('names a missing JWT_SECRET', () => {
    expect(() => loadConfig({ ...env, JWT_SECRET: '' })).toThrowError(ConfigError);
    expect(() => loadConfig({ ...env, JWT_SECRET: '' })).toThrowError(/JWT_SECRET/);
  });

  it('answers API requests with 503 naming the variable when a required secret is missing', async () => {
    const response = await app.request('/v1/experts', {}, { ...env, JWT_SECRET: undefined });
    expect(response.status).toBe(503);
    expect(response.headers.get('Content-Type')).toContain('application/problem+json');
    expect((await response.json<{ detail: string }>()).detail).toContain('JWT_SECRET');
  });

  it('reports the missing secret on /health with 503', async () => {
    const response = await app.request('/health', {}, { ...env, JWT_SECRET: undefined });
    expect(response.status).toBe(503);
    const body = await response.json<{ checks: Record<string, { ok: boolean; error?: string }> }>();
    expect(body.checks.config?.ok).toBe(false);
    expect(body.checks.config?.error).toContain('JWT_SECRET');
  });

  it('refuses the placeholder secret from .dev.vars.example', () => {
    expect(() =>
      loadConfig({ ...env, JWT_SECRET: 'change-me-to-a-long-random-string-of-32-chars-or-more' }),
    ).toThrowError(/placeholder/);
  });

  it('answers a JSON body over 1 MB with 413', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) });
    const response = await app.request(
      '/v1/auth/login',
      {
        method: 'POST',
        body: big,
        headers: { 'Content-Type': 'application/json' },
      },
      env,
    );
    expect(response.status).toBe(413);
    expect(response.headers.get('Content-Type')).toContain('application/problem+json');
  });

  it('reads numeric and list variables', () => {
    const config = loadConfig({
      ...env,
      PLATFORM_FEE_BPS: '1500',
      EXTRACTION_ALLOWED_HOSTS: ' Localhost:8788 ,127.0.0.1:9000',
    });
    expect(config.PLATFORM_FEE_BPS).toBe(1500);
    expect(config.EXTRACTION_ALLOWED_HOSTS).toEqual(['localhost:8788', '127.0.0.1:9000']);
  });
});
