// The contract every AI module implements: task types with input and output schemas, a deterministic
// embedded engine, and instructions for an LLM provider. Adding a module is one file in ./modules.
import type { z } from '@hono/zod-openapi';
import type { Task } from '../../db/schema';
import type { Language } from './text/language';

/** Where a value was found, so a reviewer can check it against the document. */
export interface SourceRef {
  /** 1-based page for PDFs; null for DOCX and plain text. */
  page: number | null;
  /** 1-based line within the page (or the document). */
  line: number | null;
  /** The text the value was read from (trimmed, at most ~160 characters). */
  text: string;
}

/** A document reduced to text: what every engine reads. */
export interface DocumentText {
  /** 'image': a photo or scan read by OCR (or not at all, see `unreadable`); 'xml': an e-invoice upload. */
  format: 'pdf' | 'docx' | 'text' | 'image' | 'xml';
  /** Whole text, pages joined with "\f". */
  text: string;
  /** Text per page (one entry for DOCX and plain text). */
  pages: string[];
  language: Language;
  /** Why the document has no text to read (a scan without OCR): the task goes to review with it. */
  unreadable?: string;
  /** The OCR model that produced the text, when it came from images. */
  ocrModel?: string;
  /**
   * PDFs: per page, per line of `pages`, where the line is printed (page fractions, top-left origin), and where
   * each of its tab-separated cells starts and how wide it is.
   */
  layout?: ({ x: number; y: number; w: number; h: number; cells?: { x: number; w: number }[] } | null)[][];
  /** An e-invoice's XML: the upload itself, or the file embedded in a PDF (ZUGFeRD, Factur-X). */
  einvoice?: { name: string; xml: string };
  /** A procurement notice's XML (EU eForms), uploaded for an RFP task. */
  notice?: { name: string; xml: string };
}

export interface Check {
  name: string;
  passed: boolean;
  detail?: string;
}

export interface ModuleResult<O> {
  output: O;
  /** 0–100; at or above the engagement's threshold the result is trusted without review. */
  confidence: number;
  /** The cross-checks behind the confidence, kept with the task for reviewers and calibration. */
  checks: Check[];
  /** What produced the result when it is not the embedded text engine (e.g. "xml:factur-x/en16931"). */
  model?: string;
}

/** Where a field is printed on one issuer's documents, learned from an expert's correction. */
export interface LearnedHint {
  field: string;
  /** The label text next to the value. */
  label: string;
  /** The value stands right of the label (same line) or below it (a header over a row). */
  position: 'right' | 'below';
}

/** What the company's memory adds to a reading: hints learned for this document's issuer. */
export interface ReadingContext {
  hints?: LearnedHint[];
}

/** Identity of a booked document; a later one matching an earlier one may be a duplicate. */
export interface Fingerprint {
  issuerKey: string | null;
  number: string | null;
  amount: number | null;
  date: string | null;
}

/** How a task type learns from reviews and recognises documents it has seen (CTAX: per supplier). */
export interface LearningHooks<O> {
  /** Keys of the document's issuer, strongest first (a first reading and what the document prints). */
  issuerKeys(doc: DocumentText, output: O): string[];
  /**
   * Hints taught by an expert who corrected `fields` of a reading to `corrected`, and the issuer keys to
   * keep them under (the corrected issuer's own, never other keys the document prints: the recipient's
   * VAT ID is on every invoice the company receives).
   */
  learn(doc: DocumentText, corrected: O, fields: string[]): { issuerKeys: string[]; hints: LearnedHint[] };
  fingerprint(output: O): Fingerprint | null;
}

export interface TaskTypeDefinition<I = unknown, O = unknown> {
  /** The task's `input` (besides `file_id` / `text`, which every type accepts). */
  input: z.ZodType<I>;
  output: z.ZodType<O>;
  /** The deterministic engine: no network, same document (and context) → same result. */
  embedded(doc: DocumentText, input: I, context?: ReadingContext): ModuleResult<O>;
  /** What an LLM provider is asked to do; its answer must match `output`. */
  instructions: string;
  learning?: LearningHooks<O>;
  /** How PDF pages are read into lines: row by row (the default) or regions set in text columns by column. */
  readingOrder?: 'rows' | 'columns';
}

/**
 * A task type whose work is a background job of its own rather than a document reading (LEADS → an
 * extraction). `start` begins or finds the job: a result means it is already done; null means the job
 * finishes the task itself when it ends.
 */
export interface JobTaskTypeDefinition<I = unknown, O = unknown> {
  kind: 'job';
  /** Reported as the task's `model_used`. */
  model: string;
  input: z.ZodType<I>;
  output: z.ZodType<O>;
  start(env: Env, task: Task): Promise<ModuleResult<O> | null>;
  /** Checks at creation what the schema cannot (it needs configuration); throws a 422 ApiError. */
  accept?(env: Env, input: I): void;
  /** True while the task's job is still under way: the sweep leaves such a task waiting in_progress. */
  isRunning(env: Env, task: Task): Promise<boolean>;
}

export type AnyTaskTypeDefinition = TaskTypeDefinition | JobTaskTypeDefinition;

export interface AiModuleDefinition {
  code: string;
  name: string;
  description: string;
  // biome-ignore lint/suspicious/noExplicitAny: each task type has its own input and output types
  taskTypes: Record<string, TaskTypeDefinition<any, any> | JobTaskTypeDefinition<any, any>>;
}
