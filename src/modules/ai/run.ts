// Running a task type on a document: the embedded engine always, and with AI_PROVIDER=workers-ai the Workers
// AI model too, behind the `ai` circuit breaker, its answer validated by the module's output schema.
//
// Trust in a model's answer comes from agreement, not from the model: the embedded engine reads the same
// document independently, and the model's output keeps the engine's confidence only when at least 90 % of
// the values the engine found agree; otherwise it is capped at 60, which sends it to review. A model that
// fails (error, invalid JSON, schema mismatch) falls back to the embedded result.
import { z } from '@hono/zod-openapi';
import { loadConfig } from '../../config';
import { withBreaker } from '../../lib/breaker';
import { log } from '../../lib/logger';
import { fieldBoxes } from './boxes';
import type { Check, DocumentText, ModuleResult, ReadingContext, TaskTypeDefinition } from './types';

export const EMBEDDED_MODEL = 'engage-embedded-v1';
export const WORKERS_AI_MODEL = '@cf/meta/llama-3.3-70b-instruct-fp8-fast';
const AGREEMENT_NEEDED = 0.9;
const DISAGREEMENT_CAP = 60;
/** Roughly the model's context budget for the document, in characters. */
const MAX_PROMPT_CHARS = 24_000;

/** What the pipeline needs of a Workers AI binding (declared only in deployed environments). */
export interface AiBinding {
  run(model: string, input: Record<string, unknown>): Promise<unknown>;
}

export interface TaskRunResult {
  output: unknown;
  confidence: number;
  checks: Check[];
  modelUsed: string;
}

export function aiBinding(env: Env): AiBinding | null {
  const candidate = (env as Env & { AI?: AiBinding }).AI;
  return candidate && typeof candidate.run === 'function' ? candidate : null;
}

export async function runTaskType(
  env: Env,
  definition: TaskTypeDefinition,
  doc: DocumentText,
  input: unknown,
  options: { allowAi?: boolean; context?: ReadingContext; reading?: ModuleResult<unknown> } = {},
): Promise<TaskRunResult> {
  // The caller may have read the document already (to find its issuer's learned hints).
  const reading = options.reading ?? definition.embedded(doc, input, options.context);
  const embedded = doc.layout ? { ...reading, output: withBoxes(reading.output, doc) } : reading;
  const { model, ...result } = embedded;
  const viaEmbedded = {
    ...result,
    modelUsed: model ?? (doc.ocrModel ? `${EMBEDDED_MODEL}+ocr` : EMBEDDED_MODEL),
  };
  if (doc.unreadable) {
    // Nothing to read: the (empty) result goes to the expert with the reason, never completes unseen.
    return {
      ...viaEmbedded,
      confidence: 0,
      checks: [{ name: 'text_layer', passed: false, detail: doc.unreadable }, ...embedded.checks],
    };
  }
  if (model) return viaEmbedded; // read exactly (an e-invoice's XML): a model can only add doubt
  const ai = aiBinding(env);
  if (loadConfig(env).AI_PROVIDER !== 'workers-ai' || !ai || options.allowAi === false) return viaEmbedded;

  let output: unknown;
  try {
    output = await withBreaker(env, 'ai', () => askModel(ai, definition, doc), isOutage);
  } catch (error) {
    if (!isOutage(error) || error instanceof z.ZodError) {
      log.warn('workers-ai answer unusable; using the embedded engine', { error: String(error) });
      return { ...viaEmbedded, checks: [...embedded.checks, { name: 'ai_answer_valid', passed: false }] };
    }
    throw error; // an outage (or an open breaker): the consumer retries later
  }
  const agreement = agreementRatio(output, embedded.output);
  const agrees = agreement >= AGREEMENT_NEEDED;
  return {
    output,
    confidence: agrees ? embedded.confidence : Math.min(embedded.confidence, DISAGREEMENT_CAP),
    checks: [
      ...embedded.checks,
      {
        name: 'ai_agrees_with_embedded',
        passed: agrees,
        detail: `${Math.round(agreement * 100)} % of values agree`,
      },
    ],
    modelUsed: WORKERS_AI_MODEL,
  };
}

async function askModel(ai: AiBinding, definition: TaskTypeDefinition, doc: DocumentText): Promise<unknown> {
  const schema = z.toJSONSchema(definition.output);
  const answer = (await ai.run(WORKERS_AI_MODEL, {
    messages: [
      { role: 'system', content: `${definition.instructions}\nAnswer with JSON matching the schema only.` },
      { role: 'user', content: doc.text.slice(0, MAX_PROMPT_CHARS) },
    ],
    response_format: { type: 'json_schema', json_schema: schema },
  })) as { response?: unknown };
  const raw = typeof answer?.response === 'string' ? JSON.parse(answer.response) : answer?.response;
  return definition.output.parse(raw);
}

function withBoxes(output: unknown, doc: DocumentText): unknown {
  const boxes = fieldBoxes(output, doc);
  return Object.keys(boxes).length ? { ...(output as object), boxes } : output;
}

/** Failures that say the service is unwell (count against the breaker); a bad answer is not one. */
function isOutage(error: unknown): boolean {
  return !(error instanceof z.ZodError || error instanceof SyntaxError);
}

/** Share of the embedded engine's non-empty leaf values (sources ignored) that the other output repeats. */
export function agreementRatio(candidate: unknown, reference: unknown): number {
  const expected = leaves(reference);
  if (expected.size === 0) return 1;
  const actual = leaves(candidate);
  let same = 0;
  for (const [path, value] of expected) if (actual.get(path) === value) same++;
  return same / expected.size;
}

/** Keys that describe how a reading was made, not what the document says: no model is asked for them. */
const ABOUT_THE_READING = new Set(['source', 'boxes', 'field_confidence', 'printed', 'learned']);

function leaves(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (value === null || value === undefined || value === '') return out;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) leaves(item, `${path}[${i}]`, out);
  } else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      if (!ABOUT_THE_READING.has(key)) leaves(item, path ? `${path}.${key}` : key, out);
  } else out.set(path, String(value).trim().toLowerCase());
  return out;
}
