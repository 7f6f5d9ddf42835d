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
