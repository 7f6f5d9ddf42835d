// LEADS/extract_leads tasks run as extractions: the task starts (or finds) its extraction and waits
// in_progress; when the extraction ends, its event settles the task (tasks/jobs.ts). This side only offers
// what a task needs of an extraction and never writes into tasks.

import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { type Extraction, extractions, type Task } from '../../db/schema';
import { ApiError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { ModuleResult } from '../ai/types';
import { siteKey } from './parse/domain';
import { entitySchema } from './schema';
import { recentExtraction, sendOrLog, viewOf } from './service';
import { acceptExtractionUrl } from './url';

export const leadsInputSchema = z.object({ url: z.string().trim().min(1).max(2048) }).loose();

export const leadsOutputSchema = z
  .object({
    extraction_id: z.string(),
    url: z.string(),
    entities: z.array(entitySchema),
    pages: z.number().int().describe('Pages fetched'),
  })
  .openapi('LeadsResult');

export type LeadsOutput = z.infer<typeof leadsOutputSchema>;
export type LeadsInput = z.infer<typeof leadsInputSchema>;

/** At task creation: a URL the rules refuse without fetching is a 422 at once, as on POST /v1/extractions. */
export function acceptLeadsInput(env: Env, input: LeadsInput): void {
  acceptExtractionUrl(input.url, loadConfig(env).EXTRACTION_ALLOWED_HOSTS);
}

/** The task's extraction exists and is still queued or crawling. */
export async function extractionRunningFor(env: Env, task: Task): Promise<boolean> {
  const own = await createDb(env.DB).query.extractions.findFirst({ where: eq(extractions.taskId, task.id) });
  return own?.status === 'queued' || own?.status === 'running';
}

/** Thrown by `startExtractionForTask` for a URL that can never be crawled: the task fails at once. */
export class UnusableUrlError extends Error {
  override name = 'UnusableUrlError';
}

/**
 * The task's extraction: a fresh result of its company for the same URL is used at once; otherwise the
 * task gets an extraction of its own (one per task, by a unique key, however often this runs) and waits.
 */
export async function startExtractionForTask(
  env: Env,
  task: Task,
): Promise<ModuleResult<LeadsOutput> | null> {
  const db = createDb(env.DB);
  const url = leadsInputSchema.parse(task.input).url;
  let normalizedUrl: string;
  try {
    normalizedUrl = acceptExtractionUrl(url, loadConfig(env).EXTRACTION_ALLOWED_HOSTS);
  } catch (error) {
    const detail =
      error instanceof ApiError ? (error.options.errors?.[0]?.message ?? error.detail) : String(error);
    throw new UnusableUrlError(`The URL cannot be fetched safely: ${detail}`);
  }
  const own = await db.query.extractions.findFirst({ where: eq(extractions.taskId, task.id) });
  if (own?.status === 'completed') return leadsResult(db, own);
  if (own?.status === 'failed') throw new UnusableUrlError(own.error ?? 'The extraction failed');
  if (own) {
    if (own.status === 'queued') await sendOrLog(env, own.id); // its message may be what was lost
    return null;
  }
  const recent = await recentExtraction(db, task.orgId, normalizedUrl);
  if (recent?.status === 'completed') return leadsResult(db, recent);

  const now = new Date().toISOString();
  const id = newId('extraction');
  await db
    .insert(extractions)
    .values({
      id,
      orgId: task.orgId,
      createdBy: task.createdBy,
      url,
      normalizedUrl,
      site: siteKey(normalizedUrl),
      status: 'queued',
      taskId: task.id,
      engagementId: task.engagementId,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: extractions.taskId });
  const created = await db.query.extractions.findFirst({ where: eq(extractions.taskId, task.id) });
  if (created?.id === id) await sendOrLog(env, id);
  return null;
}

/** The task's result from its finished extraction (the tasks domain settles the task with it). */
export async function leadsResult(db: Db, row: Extraction): Promise<ModuleResult<LeadsOutput>> {
  const view = await viewOf(db, row);
  const fetched = view.pages.filter((p) => p.error === null).length;
  return {
    output: { extraction_id: row.id, url: row.normalizedUrl, entities: view.entities, pages: fetched },
    confidence: row.confidence ?? 0,
    checks: [
      { name: 'site_reachable', passed: fetched > 0 },
      { name: 'contacts_found', passed: view.entities.some((e) => e.type === 'EMAIL' || e.type === 'PHONE') },
      { name: 'legal_identity_found', passed: view.entities.some((e) => e.type === 'COMPANY_NAME') },
    ],
  };
}

/** What a LEADS task reports as `model_used`: the crawler, not a language model. */
export const EXTRACTION_MODEL = 'engage-crawler-v1';
