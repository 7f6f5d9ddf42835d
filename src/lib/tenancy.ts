// Tenancy in one place: which engagements, files, payments and documents a principal may see. Services read
// tenant data only through a TenantScope, so a company never reaches another's rows and an expert only their
// engagements.
// Anything outside the scope is "not found" (404), never "forbidden", so existence is not revealed.
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  type DocumentRow,
  documents,
  type Engagement,
  type Extraction,
  type ExtractionBatch,
  engagements,
  extractionBatches,
  extractions,
  type FileRow,
  files,
  type Payment,
  type Payout,
  payments,
  payouts,
  type Task,
  tasks,
} from '../db/schema';
import type { Principal } from '../env';
import { chunks, IDS_PER_STATEMENT } from './chunks';
import { notFound } from './errors';

export class TenantScope {
  constructor(
    readonly db: Db,
    readonly principal: Principal,
  ) {}

  /** Rows of `engagements` this principal may see; undefined means all (admin). */
  engagementCondition(): SQL | undefined {
    const { role, orgId, expertId } = this.principal;
    if (role === 'admin') return undefined;
    if (role === 'company') return eq(engagements.orgId, orgId ?? '');
    return eq(engagements.expertId, expertId ?? '');
  }

  async engagement(id: string): Promise<Engagement> {
    const row = await this.db.query.engagements.findFirst({
      where: and(eq(engagements.id, id), this.engagementCondition()),
    });
    if (!row) throw notFound('Engagement');
    return row;
  }

  /**
   * Files: a company's own (including what its expert attached to its engagements); an expert's own
   * uploads and the files attached to engagements they are on (past ones too: their work stays theirs).
   */
  fileCondition(): SQL | undefined {
    const { role, orgId, expertId } = this.principal;
    if (role === 'admin') return undefined;
    if (role === 'company') return eq(files.orgId, orgId ?? '');
    const ownEngagements = this.db
      .select({ id: engagements.id })
      .from(engagements)
      .where(eq(engagements.expertId, expertId ?? ''));
    return or(eq(files.expertId, expertId ?? ''), inArray(files.engagementId, ownEngagements));
  }

  /** The visible files among `ids`, by id (one query however many; invisible ones are simply absent). */
  async filesById(ids: string[]): Promise<Map<string, FileRow>> {
    const found = new Map<string, FileRow>();
    const unique = [...new Set(ids)];
    // D1 binds at most 100 parameters per statement: chunk, leaving room for the scope's own.
    for (const chunk of chunks(unique, IDS_PER_STATEMENT)) {
      const rows = await this.db.query.files.findMany({
        where: and(inArray(files.id, chunk), this.fileCondition()),
      });
      for (const row of rows) found.set(row.id, row);
    }
    return found;
  }

  async file(id: string): Promise<FileRow> {
    const row = await this.db.query.files.findFirst({ where: and(eq(files.id, id), this.fileCondition()) });
    if (!row) throw notFound('File');
    return row;
  }

  /** Tasks follow their engagement: the company's, or the engaged expert's. */
  taskCondition(): SQL | undefined {
    const { role, orgId, expertId } = this.principal;
    if (role === 'admin') return undefined;
    if (role === 'company') return eq(tasks.orgId, orgId ?? '');
    return eq(tasks.expertId, expertId ?? '');
  }

  async task(id: string): Promise<Task> {
    const row = await this.db.query.tasks.findFirst({ where: and(eq(tasks.id, id), this.taskCondition()) });
    if (!row) throw notFound('Task');
    return row;
  }

  /** Extractions belong to the company that started them (directly or through a task); experts see theirs via the task. */
  extractionCondition(): SQL | undefined {
    const { role, orgId } = this.principal;
    if (role === 'admin') return undefined;
    if (role === 'company') return eq(extractions.orgId, orgId ?? '');
    return sql`0`; // an expert reads a LEADS task's result on the task itself
  }

  async extraction(id: string): Promise<Extraction> {
    const row = await this.db.query.extractions.findFirst({
      where: and(eq(extractions.id, id), this.extractionCondition()),
    });
    if (!row) throw notFound('Extraction');
    return row;
  }

  /** Extraction batches are the starting company's; experts have none; admins see all. */
  extractionBatchCondition(): SQL | undefined {
    const { role, orgId } = this.principal;
    if (role === 'admin') return undefined;
    if (role === 'company') return eq(extractionBatches.orgId, orgId ?? '');
    return sql`0`;
  }

  async extractionBatch(id: string): Promise<ExtractionBatch> {
    const row = await this.db.query.extractionBatches.findFirst({
      where: and(eq(extractionBatches.id, id), this.extractionBatchCondition()),
    });
    if (!row) throw notFound('Extraction batch');
    return row;
  }

  /** Payments: the paying company's; the engaged expert's (what they are paid for); admins all. */
  paymentCondition(): SQL | undefined {
    const { role, orgId, expertId } = this.principal;
    if (role === 'admin') return undefined;
    if (role === 'company') return eq(payments.orgId, orgId ?? '');
    return eq(payments.expertId, expertId ?? '');
  }

  async payment(id: string): Promise<Payment> {
    const row = await this.db.query.payments.findFirst({
      where: and(eq(payments.id, id), this.paymentCondition()),
    });
    if (!row) throw notFound('Payment');
    return row;
  }

  /** Payouts are the expert's own; companies have none to see; admins all. */
  payoutCondition(): SQL | undefined {
    const { role, expertId } = this.principal;
    if (role === 'admin') return undefined;
    if (role === 'expert') return eq(payouts.expertId, expertId ?? '');
    return sql`0`;
  }

  /**
   * Documents: a company its invoices and its engagements' reports; an expert their self-billing statements
   * and the reports of their engagements (the invoice is between the platform and the company); admins all.
   * Only finished (ready) documents are visible.
   */
  documentCondition(): SQL | undefined {
    const { role, orgId, expertId } = this.principal;
    const ready = eq(documents.status, 'ready');
    if (role === 'admin') return ready;
    if (role === 'company')
      return and(
        ready,
        eq(documents.orgId, orgId ?? ''),
        inArray(documents.kind, ['invoice', 'engagement_report']),
      );
    return and(
      ready,
      eq(documents.expertId, expertId ?? ''),
      inArray(documents.kind, ['payout_statement', 'engagement_report']),
    );
  }

  async document(id: string): Promise<DocumentRow> {
    const row = await this.db.query.documents.findFirst({
      where: and(eq(documents.id, id), this.documentCondition()),
    });
    if (!row) throw notFound('Document');
    return row;
  }

  async payout(id: string): Promise<Payout> {
    const row = await this.db.query.payouts.findFirst({
      where: and(eq(payouts.id, id), this.payoutCondition()),
    });
    if (!row) throw notFound('Payout');
    return row;
  }
}
