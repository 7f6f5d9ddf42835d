// The API's types come from the client package (packages/client), generated from the OpenAPI document.
export type { components, paths } from '../../../packages/client/src/schema';
