// The invoice's totals with the two sums a bookkeeper checks, recomputed on every keystroke and stated in
// words (a mismatch says by how much), and the VAT per category as the document states it.
import { useMessages } from '../../../i18n/define';
import { formatAmount, formatQuantity } from '../../../ui/amounts';
import { useInvoiceForm } from './form-context';
import { NumberInput } from './inputs';
import { getIn, lineItems, numberAt } from './invoice';
import { InvoiceField, MoneyField } from './invoice-field';
import { invoiceFields, invoiceMessages } from './messages';
import { readQuantity } from './numbers';
import { type Comparison, describeSums } from './sums';

export function TotalsFieldset() {
  const form = useInvoiceForm();
  const m = useMessages(invoiceMessages);
  const f = useMessages(invoiceFields);
  const money = (v: number) =>
    `${formatAmount(v, form.currency, form.language)} ${(form.currency ?? '').toUpperCase()}`;
  const totals = {
    net: numberAt(form.output, 'net'),
    vat_amount: numberAt(form.output, 'vat_amount'),
    gross: numberAt(form.output, 'gross'),
    withholding: numberAt(form.output, 'withholding'),
  };
  const sums = describeSums(lineItems(form.output), totals, money, m);
  const vatRate = numberAt(form.output, 'vat_rate');
  return (
    <fieldset class="totals" data-testid="totals">
      <legend>{m.totals}</legend>
      <div class="totals-grid">
        <MoneyField path="net" label={f.net} />
        <InvoiceField path="vat_rate" label={f.vat_rate} empty={vatRate === null}>
          {(control) => (
            <NumberInput
              control={control}
              value={vatRate}
              suffix="%"
              format={(v) => formatQuantity(v, form.language)}
              parse={(text) => readQuantity(text, form.language, m)}
              onChange={(v, error) => form.set('vat_rate', v, error)}
            />
          )}
        </InvoiceField>
        <MoneyField path="vat_amount" label={f.vat_amount} />
        <MoneyField path="gross" label={f.gross} />
        {/* Only where the document withholds income tax (IRPF, ritenuta d'acconto): most never do. */}
        {totals.withholding !== null && <MoneyField path="withholding" label={f.withholding} />}
      </div>
      <ul class="sums" aria-live="polite" data-testid="sums">
        <SumLine comparison={sums.items.comparison} text={sums.items.text} testId="sum-items" />
        <SumLine comparison={sums.gross.comparison} text={sums.gross.text} testId="sum-gross" />
      </ul>
      <VatBreakdown money={money} />
    </fieldset>
  );
}

function SumLine({ comparison, text, testId }: { comparison: Comparison; text: string; testId: string }) {
  const m = useMessages(invoiceMessages);
  const icon = { match: '✓', mismatch: '✗', unknown: '–' }[comparison.state];
  return (
    <li class={`sum sum-${comparison.state}`} data-testid={testId} data-state={comparison.state}>
      <span aria-hidden="true">{icon} </span>
      {comparison.state === 'mismatch' && <strong>{m.doesNotAddUp} </strong>}
      {text}
    </li>
  );
}

interface VatRow {
  category: string | null;
  rate: number | null;
  net: number | null;
  vat: number | null;
}

/** Read-only: per-category VAT comes from the document (an e-invoice's exact breakdown). */
function VatBreakdown({ money }: { money: (v: number) => string }) {
  const form = useInvoiceForm();
  const m = useMessages(invoiceMessages);
  const f = useMessages(invoiceFields);
  const rows = getIn(form.output, 'vat_breakdown');
  if (!Array.isArray(rows) || rows.length < 2) return null;
  const cell = (v: number | null) => (v === null ? '—' : money(v));
  return (
    <div class="table-wrap vat-breakdown">
      <table>
        <caption>{m.vatCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.category}</th>
            <th scope="col" class="num">
              {m.rate}
            </th>
            <th scope="col" class="num">
              {f.net}
            </th>
            <th scope="col" class="num">
              {m.vat}
            </th>
          </tr>
        </thead>
        <tbody>
          {(rows as VatRow[]).map((row, i) => (
            <tr key={i}>
              <td>{row.category ?? '—'}</td>
              <td class="num">{row.rate === null ? '—' : `${formatQuantity(row.rate, form.language)} %`}</td>
              <td class="num">{cell(row.net)}</td>
              <td class="num">{cell(row.vat)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
