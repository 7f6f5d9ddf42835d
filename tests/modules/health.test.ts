import { describe, expect, it } from 'vitest';
import { call, json } from '../helpers';

describe('GET /health', () => {
  it('reports every binding as answering, with a request id', async () => {
    const response = await call('/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Request-Id')).toBeTruthy();
    const body = await json(response);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.checks).sort()).toEqual(
      [
        'circuit_breaker',
        'config',
        'd1',
        'engagement_room',
        'queue_events',
        'queue_extractions',
        'queue_tasks',
        'r2',
      ].sort(),
    );
    for (const check of Object.values(body.checks) as { ok: boolean }[]) expect(check.ok).toBe(true);
  });
});
