import { describe, expect, it } from 'vitest';
import { call, json } from '../helpers';

describe('GET /v1/openapi.json', () => {
  it('documents every public route from the same zod schemas that validate them', async () => {
    const response = await call('/v1/openapi.json');
    expect(response.status).toBe(200);
    const doc = await json(response);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/v1/auth/signup',
        '/v1/auth/login',
        '/v1/engagements',
        '/v1/engagements/{id}/{action}',
        '/v1/engagements/{id}/room',
        '/v1/engagements/{id}/tasks',
        '/v1/tasks/{id}/review',
        '/v1/files',
        '/v1/admin/queues',
        '/v1/webhooks/resend',
      ]),
    );
    // The request schema of a create route is the zod schema, with its constraints.
    const create = doc.paths['/v1/engagements'].post.requestBody.content['application/json'].schema;
    expect(create.$ref).toBe('#/components/schemas/CreateEngagement');
    expect(doc.components.schemas.CreateEngagement.required).toEqual(
      expect.arrayContaining(['expert_id', 'title', 'modules', 'rate']),
    );
    expect(doc.components.securitySchemes.bearerAuth.scheme).toBe('bearer');
  });

  it('serves the API reference page', async () => {
    const response = await call('/docs');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('/v1/openapi.json');
  });
});
