// The invoice form's fields that need more than a plain input: the document type, the service period (two
// dates or none), the IBAN (stored compact, typed with spaces) and the currency (a lower-case ISO code).
import { useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/define';
import { useInvoiceForm } from './form-context';
import { ibanProblem } from './iban';
import { DateInput } from './inputs';
import { getIn, textAt } from './invoice';
import { InvoiceField } from './invoice-field';
import { invoiceFields, invoiceMessages } from './messages';

export function DocumentTypeField() {
  const form = useInvoiceForm();
  const m = useMessages(invoiceMessages);
  const f = useMessages(invoiceFields);
  const value = textAt(form.output, 'document_type') ?? 'invoice';
  return (
    <InvoiceField path="document_type" label={f.document_type} empty={false}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => form.set('document_type', e.currentTarget.value)}>
          <option value="invoice">{m.invoice}</option>
          <option value="credit_note">{m.creditNote}</option>
        </select>
      )}
    </InvoiceField>
  );
}

/** `{from, to}` or null: one date alone is no period, so it is an error until both or neither are set. */
export function ServicePeriodField() {
  const form = useInvoiceForm();
  const m = useMessages(invoiceMessages);
  const f = useMessages(invoiceFields);
  const stored = getIn(form.output, 'service_period');
  const [half, setHalf] = useState<{ from: string | null; to: string | null } | null>(null);
  const from = half?.from ?? textAt(stored, 'from');
  const to = half?.to ?? textAt(stored, 'to');
  const change = (next: { from: string | null; to: string | null }) => {
    const complete = next.from && next.to;
    setHalf(complete || (!next.from && !next.to) ? null : next);
    if (complete) form.set('service_period', { from: next.from, to: next.to });
    else if (!next.from && !next.to) form.set('service_period', null);
    else form.set('service_period', stored ?? null, m.periodIncomplete);
  };
  return (
    <InvoiceField path="service_period" label={f.service_period} empty={!stored}>
      {(control) => (
        <span class="date-range">
          <DateInput
            control={{ ...control, 'aria-label': m.periodFrom }}
            value={from}
            onChange={(v) => change({ from: v, to })}
          />
          <span aria-hidden="true">–</span>
          <DateInput
            control={{
              ...control,
              id: `${control.id}-to`,
              name: `${control.name}-to`,
              'aria-label': m.periodTo,
            }}
            value={to}
            onChange={(v) => change({ from, to: v })}
          />
        </span>
      )}
    </InvoiceField>
  );
}

const compactIban = (text: string) => text.replace(/\s+/g, '').toUpperCase();

/** Typed and printed in groups of four; stored compact and upper-case, as the output contract says. */
export function IbanField() {
  const form = useInvoiceForm();
  const m = useMessages(invoiceMessages);
  const f = useMessages(invoiceFields);
  const value = textAt(form.output, 'iban');
  const [draft, setDraft] = useState<string | null>(null);
  const store = (text: string) => {
    const compact = compactIban(text);
    form.set('iban', compact || null, compact ? (ibanProblem(compact, m) ?? undefined) : undefined);
  };
  return (
    <InvoiceField path="iban" label={f.iban} empty={!value} usePrinted={(printed) => store(printed)}>
      {(control) => (
        <input
          {...control}
          autoComplete="off"
          spellcheck={false}
          value={draft ?? value ?? ''}
          onInput={(e) => {
            setDraft(e.currentTarget.value);
            store(e.currentTarget.value);
          }}
          onBlur={() => setDraft(null)}
        />
      )}
    </InvoiceField>
  );
}

export function CurrencyField() {
  const form = useInvoiceForm();
  const m = useMessages(invoiceMessages);
  const f = useMessages(invoiceFields);
  const value = textAt(form.output, 'currency');
  return (
    <InvoiceField path="currency" label={f.currency} empty={!value}>
      {(control) => (
        <input
          {...control}
          maxLength={3}
          autoComplete="off"
          value={(value ?? '').toUpperCase()}
          onInput={(e) => {
            const code = e.currentTarget.value.trim().toLowerCase();
            const valid = code === '' || /^[a-z]{3}$/.test(code);
            form.set('currency', code || null, valid ? undefined : m.currencyInvalid);
          }}
        />
      )}
    </InvoiceField>
  );
}
