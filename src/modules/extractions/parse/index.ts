// Lead mining from fetched HTML: pure functions (no DB, no network) the extraction crawler calls.

export { extractEntities } from './extract';
export { parsePage } from './html';
export { classifyLink, pageKey, pickContactPages, pickHubLinks } from './links';
export { entityKey, mergeEntities, overallConfidence } from './merge';
export { defaultRegion } from './region';
export type { Entity, EntityType, PageLink, PageType, ParsedPage } from './types';
