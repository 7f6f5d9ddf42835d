// The enriched table: every input row in its order with all of its original cells, then what its site's
// extraction found — one value per column, the best of its type (entities are stored best first; for email
// the best address not judged undeliverable, with its verification: status, mx, role, free, disposable) —
// and the row's status and error. Streamed page by page, so a
// 10,000-row batch never sits in memory whole. Cells go through the shared CSV rules: BOM, quoting, formula
// guard (lib/csv).
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  type ExtractionBatch,
  type ExtractionBatchRow,
  type ExtractionEntity,
  extractionBatchRows,
  extractionEntities,
  extractions,
} from '../../db/schema';
import { CSV_BOM, csvLine } from '../../lib/csv';
import { inJsonList } from '../../lib/json-rows';

export const ADDED_COLUMNS = [
  'email',
  'email_status',
  'email_mx',
  'email_role',
  'email_free',
  'email_disposable',
  'phone',
  'person',
  'role',
  'company_name',
  'address',
  'vat_id',
  'register',
  'confidence',
  'source_url',
  'status',
  'error',
] as const;

const PAGE_ROWS = 500;

/** Added columns keep their names unless the input has one of them already: then they are `engage_<name>`. */
export function exportHeader(columns: readonly string[]): string[] {
  const taken = new Set(columns.map((c) => c.trim().toLowerCase()));
  return [...columns, ...ADDED_COLUMNS.map((name) => (taken.has(name) ? `engage_${name}` : name))];
}

export function exportCsv(db: Db, batch: ExtractionBatch): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = -1;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(exportHeader(batch.columns))));
        return;
      }
      const rows = await db
        .select()
        .from(extractionBatchRows)
        .where(and(eq(extractionBatchRows.batchId, batch.id), gt(extractionBatchRows.position, after)))
        .orderBy(asc(extractionBatchRows.position))
        .limit(PAGE_ROWS);
      if (rows.length === 0) {
        controller.close();
        return;
      }
      after = rows.at(-1)?.position ?? after;
      const found = await findingsOf(db, rows);
      const lines = rows.map((row) => csvLine(exportCells(batch.columns.length, row, found)));
      controller.enqueue(encoder.encode(lines.join('')));
    },
  });
}

interface Findings {
  entities: Map<string, ExtractionEntity[]>;
  confidence: Map<string, number | null>;
}

async function findingsOf(db: Db, rows: ExtractionBatchRow[]): Promise<Findings> {
  const ids = [
    ...new Set(rows.filter((r) => r.status === 'completed' && r.extractionId).map((r) => r.extractionId)),
  ];
  const found: Findings = { entities: new Map(), confidence: new Map() };
  if (ids.length === 0) return found;
  const inIds = (column: typeof extractions.id | typeof extractionEntities.extractionId) =>
    inJsonList(column, ids);
  const [entities, confidences] = await db.batch([
    db
      .select()
      .from(extractionEntities)
      .where(inIds(extractionEntities.extractionId))
      .orderBy(asc(extractionEntities.extractionId), asc(extractionEntities.position)),
    db
      .select({ id: extractions.id, confidence: extractions.confidence })
      .from(extractions)
      .where(inIds(extractions.id)),
  ]);
  for (const entity of entities) {
    const list = found.entities.get(entity.extractionId) ?? [];
    list.push(entity);
    found.entities.set(entity.extractionId, list);
  }
  for (const row of confidences) found.confidence.set(row.id, row.confidence);
  return found;
}

/** A verification flag as a spreadsheet reads it; empty when the email was not verified (or there is none). */
const flag = (value: boolean | undefined) => (value === undefined ? '' : String(value));

export function exportCells(
  width: number,
  row: ExtractionBatchRow,
  found: Findings,
): (string | number | null)[] {
  // The original cells, padded (or cut) to the header's width so every line has the header's columns.
  const original = Array.from({ length: width }, (_, i) => row.raw[i] ?? '');
  const entities =
    row.status === 'completed' && row.extractionId ? found.entities.get(row.extractionId) : undefined;
  const best = (type: string) => entities?.find((e) => e.type === type);
  const emails = entities?.filter((e) => e.type === 'EMAIL') ?? [];
  const email = emails.find((e) => e.verification?.status !== 'undeliverable') ?? emails[0];
  const person = best('PERSON');
  const source = email ?? best('COMPANY_NAME') ?? entities?.[0];
  return [
    ...original,
    email?.value ?? '',
    email?.verification?.status ?? '',
    email?.verification?.mx ?? '',
    flag(email?.verification?.role),
    flag(email?.verification?.free),
    flag(email?.verification?.disposable),
    best('PHONE')?.value ?? '',
    person?.value ?? '',
    person?.role ?? '',
    best('COMPANY_NAME')?.value ?? '',
    best('ADDRESS')?.value ?? '',
    best('VAT_ID')?.value ?? '',
    best('REGISTER')?.value ?? '',
    entities && row.extractionId ? (found.confidence.get(row.extractionId) ?? '') : '',
    source?.sourceUrl ?? '',
    row.status,
    row.error ?? '',
  ];
}
