// A company's document memory in D1: hints its experts' corrections taught (per issuer), and the
// fingerprints of documents it booked, to hold a second copy of the same invoice for review.
// Everything is keyed by org: what one company teaches never shapes another company's readings.
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { invoiceFingerprints, supplierHints, type Task } from '../../db/schema';
import { chunks, IDS_PER_STATEMENT } from '../../lib/chunks';
import type { Check, Fingerprint, LearnedHint } from '../ai/types';

/** For each field, the hint stored under the strongest of the issuer's keys (VAT ID before IBAN before name). */
export async function loadHints(db: Db, orgId: string, keys: string[]): Promise<LearnedHint[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .select()
    .from(supplierHints)
    .where(and(eq(supplierHints.orgId, orgId), inArray(supplierHints.supplierKey, keys.slice(0, 50))));
  const byField = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const held = byField.get(row.field);
    if (!held || keys.indexOf(row.supplierKey) < keys.indexOf(held.supplierKey)) byField.set(row.field, row);
  }
  return [...byField.values()].map(({ field, label, position }) => ({ field, label, position }));
}

/** Stores hints under each of the issuer's keys; a newer correction of a field replaces the older hint. */
export function rememberHints(db: Db, task: Task, keys: string[], hints: LearnedHint[]) {
  return keys.flatMap((supplierKey) =>
    hints.map((hint) =>
      db
        .insert(supplierHints)
        .values({ orgId: task.orgId, supplierKey, ...hint, taskId: task.id })
        .onConflictDoUpdate({
          target: [supplierHints.orgId, supplierHints.supplierKey, supplierHints.field],
          set: {
            label: hint.label,
            position: hint.position,
            taskId: task.id,
            updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
          },
        }),
    ),
  );
}

/** Counts that the hints were used, so an operator can see which suppliers the memory serves. */
export function hintsUsed(db: Db, orgId: string, keys: string[], fields: string[]) {
  if (keys.length === 0 || fields.length === 0) return [];
  return [
    db
      .update(supplierHints)
      .set({ uses: sql`${supplierHints.uses} + 1` })
      .where(
        and(
          eq(supplierHints.orgId, orgId),
          inArray(supplierHints.supplierKey, keys.slice(0, 50)),
          inArray(supplierHints.field, fields),
        ),
      ),
  ];
}

export interface Duplicate {
  taskId: string;
  reason: string;
}

export interface BookingCandidate {
  task: Task;
  fingerprint: Fingerprint | null;
  fileSha256: string | null;
}

/** Orgs among `orgIds` that have learned hints at all: only their tasks look hints up. */
export async function orgsWithHints(db: Db, orgIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(orgIds, IDS_PER_STATEMENT)) {
    const rows = await db
      .selectDistinct({ orgId: supplierHints.orgId })
      .from(supplierHints)
      .where(inArray(supplierHints.orgId, part));
    for (const row of rows) found.add(row.orgId);
  }
  return found;
}

/** Candidates per statement: each binds up to five values, well inside D1's 100. */
const CANDIDATES_PER_STATEMENT = 15;

/**
 * For each candidate, an earlier document of its org that it repeats: the same file, or the same supplier
 * and invoice number (a re-sent copy, whatever its amount now says). Amount and date alone are no match:
 * a supplier may well bill the same sum twice on one day. Booked documents are looked up for the whole
 * batch at once; within the batch, a later task repeating an earlier one is held too.
 */
export async function findDuplicates(
  db: Db,
  candidates: BookingCandidate[],
): Promise<Map<string, Duplicate>> {
  const f = invoiceFingerprints;
  const booked: (typeof f.$inferSelect)[] = [];
  for (const part of chunks(candidates, CANDIDATES_PER_STATEMENT)) {
    const conditions = part.flatMap(({ task, fingerprint: print, fileSha256 }) => {
      const matches: SQL[] = [];
      if (fileSha256) matches.push(eq(f.fileSha256, fileSha256));
      if (print?.issuerKey && print.number)
        matches.push(and(eq(f.supplierKey, print.issuerKey), eq(f.invoiceNumber, print.number)) as SQL);
      return matches.length ? [and(eq(f.orgId, task.orgId), or(...matches)) as SQL] : [];
    });
    if (conditions.length)
      booked.push(
        ...(await db
          .select()
          .from(f)
          .where(or(...conditions))),
      );
  }
  const earlierInBatch = [...candidates]
    .sort((a, b) => a.task.id.localeCompare(b.task.id))
    .map(({ task, fingerprint, fileSha256 }) => ({
      taskId: task.id,
      orgId: task.orgId,
      supplierKey: fingerprint?.issuerKey ?? null,
      invoiceNumber: fingerprint?.number ?? null,
      fileSha256,
    }));
  const duplicates = new Map<string, Duplicate>();
  for (const { task, fingerprint: print, fileSha256 } of candidates) {
    const repeats = (row: (typeof earlierInBatch)[number]) => {
      if (row.orgId !== task.orgId || row.taskId === task.id) return null;
      if (fileSha256 && row.fileSha256 === fileSha256) return 'the same file';
      if (
        print?.issuerKey &&
        print.number &&
        row.supplierKey === print.issuerKey &&
        row.invoiceNumber === print.number
      )
        return `invoice number ${print.number} from the same supplier`;
      return null;
    };
    const earlier = [...booked, ...earlierInBatch.filter((row) => row.taskId < task.id)];
    for (const row of earlier) {
      const reason = repeats(row);
      if (reason) {
        duplicates.set(task.id, { taskId: row.taskId, reason });
        break;
      }
    }
  }
  return duplicates;
}

export function duplicateCheck(duplicate: Duplicate | null): Check {
  return duplicate
    ? {
        name: 'duplicate_invoice',
        passed: false,
        detail: `already booked with task ${duplicate.taskId}: ${duplicate.reason}`,
      }
    : { name: 'duplicate_invoice', passed: true, detail: 'no earlier invoice matches' };
}

/** Records a booked document (idempotent per task; a corrected review replaces the automatic reading). */
export function rememberFingerprint(
  db: Db,
  task: Task,
  print: Fingerprint | null,
  fileSha256: string | null,
) {
  const values = {
    orgId: task.orgId,
    supplierKey: print?.issuerKey ?? null,
    invoiceNumber: print?.number ?? null,
    gross: print?.amount ?? null,
    issueDate: print?.date ?? null,
    fileSha256,
  };
  return db
    .insert(invoiceFingerprints)
    .values({ taskId: task.id, ...values })
    .onConflictDoUpdate({ target: invoiceFingerprints.taskId, set: values });
}
