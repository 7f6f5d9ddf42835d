// The AI reading of an invoice as a bookkeeper's form: document type and dates, the two parties, the line
// items, the totals with their sums, and the IBAN. Replaces the generic editor for CTAX/process_invoice.
import type { Dispatch, StateUpdater } from 'preact/hooks';
import type { ApiProblem } from '../../../api/problem';
import { useMessages } from '../../../i18n/define';
import type { Edits } from '../output-editor';
import { type InvoiceForm, InvoiceFormContext } from './form-context';
import { CurrencyField, DocumentTypeField, IbanField, ServicePeriodField } from './header-fields';
import {
  type Output,
  readingExtras,
  setIn,
  textAt,
  withoutRowErrors,
  withSingleRateBreakdown,
} from './invoice';
import { DateField, TextField } from './invoice-field';
import { LineItemsTable } from './line-items';
import { invoiceFields, invoiceMessages } from './messages';
import { PartyFieldset } from './party-fieldset';
import { TotalsFieldset } from './totals';
import './invoice.css';

const TOTALS = new Set(['net', 'vat_rate', 'vat_amount']);

export function InvoiceEditor(props: {
  original: Output;
  edits: Edits;
  setEdits: Dispatch<StateUpdater<Edits>>;
  threshold: number;
  problem?: ApiProblem;
}) {
  const { original, edits, setEdits } = props;
  const m = useMessages(invoiceMessages);
  const f = useMessages(invoiceFields);
  // Functional updates: one action may change several paths (a new row and its pending amount).
  const set = (path: string, value: unknown, error?: string) =>
    setEdits((previous) => {
      const invalid = { ...previous.invalid };
      if (error) invalid[path] = error;
      else delete invalid[path];
      const output = setIn(previous.output, path, value);
      return { output: TOTALS.has(path) ? withSingleRateBreakdown(output) : output, invalid };
    });
  const removeRow = (index: number) =>
    setEdits((previous) => {
      const rows = Array.isArray(previous.output.line_items) ? previous.output.line_items : [];
      return {
        output: { ...previous.output, line_items: rows.filter((_, i) => i !== index) },
        invalid: withoutRowErrors(previous.invalid, index),
      };
    });
  const form: InvoiceForm = {
    output: edits.output,
    extras: readingExtras(original),
    threshold: props.threshold,
    language: textAt(original, 'language'),
    currency: textAt(edits.output, 'currency'),
    set,
    errorOf: (path) => edits.invalid[path] ?? props.problem?.fieldError(`output.${path}`),
  };
  return (
    <InvoiceFormContext.Provider value={form}>
      <div class="invoice-editor" data-testid="invoice-editor">
        <fieldset>
          <legend>{m.document}</legend>
          <div class="invoice-grid">
            <DocumentTypeField />
            <TextField path="invoice_number" label={f.invoice_number} />
            <DateField path="issue_date" label={f.issue_date} />
            <DateField path="due_date" label={f.due_date} />
            <DateField path="service_date" label={f.service_date} />
            <ServicePeriodField />
          </div>
        </fieldset>
        <div class="invoice-parties">
          <PartyFieldset party="supplier" />
          <PartyFieldset party="recipient" />
        </div>
        <LineItemsTable onRemove={removeRow} />
        <TotalsFieldset />
        <fieldset>
          <legend>{m.payment}</legend>
          <div class="invoice-grid">
            <IbanField />
            <CurrencyField />
          </div>
        </fieldset>
      </div>
    </InvoiceFormContext.Provider>
  );
}
