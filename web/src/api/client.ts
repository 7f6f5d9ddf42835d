// The dashboard's API client: the client package (packages/client) with the signed-in session's token; a
// 401 signs out (back to sign-in instead of a page of errors).
import { createEngageClient, idempotencyKey, ok } from '../../../packages/client/src';
import { session } from '../session';
import type { components } from './schema';

export type Schemas = components['schemas'];
export type Task = Schemas['Task'];
export type Engagement = Schemas['Engagement'];
export type Expert = Schemas['Expert'];
export type Extraction = Schemas['Extraction'];
export type Payment = Schemas['Payment'];
export type Payout = Schemas['Payout'];
export type FileInfo = Schemas['File'];
export type DocumentInfo = Schemas['Document'];
export type Automation = Schemas['Automation'];
export type Credits = Schemas['Credits'];
export type CreditEntry = Schemas['CreditEntry'];

export const api = createEngageClient({
  baseUrl: globalThis.location?.origin ?? 'http://localhost:8787',
  token: () => session.token(),
  onUnauthorized: () => session.expire(),
});

export { idempotencyKey, ok };
