// Storage schema (drizzle), one file per domain. drizzle-kit generates migrations/ from these files; types
// come from $inferSelect.

export * from './audit';
export * from './credits';
export * from './documents';
export * from './email';
export * from './engagements';
export * from './events';
export * from './extraction-batches';
export * from './extractions';
export * from './files';
export * from './identity';
export * from './mcp';
export * from './memory';
export * from './metrics';
export * from './notifications';
export * from './ops';
export * from './payments';
export * from './reminders';
export * from './requests';
export * from './tasks';
export * from './webhooks';
