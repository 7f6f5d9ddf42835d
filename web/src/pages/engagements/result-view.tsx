// An AI result made readable: objects as labelled facts, arrays of records as tables, other arrays as lists,
// money as money. Amounts are minor units: `{amount, currency}` objects, or amount-named numbers inside an
// object that states its `currency` (an invoice's net, VAT and gross). `source` (where in the document a
// value was read) shows as the value's tooltip; the raw JSON stays one click away. Field names and words are
// the reader's language; values are the document's own.
import type { ComponentChildren } from 'preact';
import { type Translation, useMessages } from '../../i18n/define';
import { formatMoney, formatNumber } from '../../ui/format';
import { fieldNames, taskPanelTexts } from './task-messages';

type Texts = Translation<typeof taskPanelTexts.en>;

const MONEY_KEYS = /^(amount|net|gross|vat_amount|tax_amount|unit_price|total|subtotal|price|budget)$/;

type Record_ = Record<string, unknown>;
const isRecord = (v: unknown): v is Record_ => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCurrency = (v: unknown): v is string => typeof v === 'string' && /^[a-z]{3}$/i.test(v);

export function ResultView({ value }: { value: unknown }) {
  const m = useMessages(taskPanelTexts);
  return (
    <div class="result">
      <Value value={value} />
      <details>
        <summary>{m.rawJson}</summary>
        <pre>{JSON.stringify(value, null, 2)}</pre>
      </details>
    </div>
  );
}

function Value({
  value,
  name,
  currency,
}: {
  value: unknown;
  name?: string;
  currency?: string;
}): ComponentChildren {
  const m = useMessages(taskPanelTexts);
  if (value === null || value === undefined || value === '') return <span class="muted">—</span>;
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  if (typeof value === 'number') return numberText(value, name, currency);
  if (typeof value === 'string') {
    if (/^https?:\/\//.test(value))
      return (
        <a href={value} target="_blank" rel="noopener noreferrer">
          {value}
        </a>
      );
    return name === 'currency' ? value.toUpperCase() : value;
  }
  if (Array.isArray(value)) return <ArrayValue items={value} currency={currency} />;
  if (isRecord(value)) {
    if (typeof value.amount === 'number' && isCurrency(value.currency) && Object.keys(value).length <= 3)
      return formatMoney(value.amount, value.currency);
    // Per-field confidences are percentages keyed by field path, whatever the field's own kind.
    if (name === 'field_confidence') return <Facts record={value} percentages />;
    return <Facts record={value} currency={isCurrency(value.currency) ? value.currency : currency} />;
  }
  return String(value);
}

function numberText(value: number, name: string | undefined, currency: string | undefined) {
  if (name && currency && MONEY_KEYS.test(name) && Number.isInteger(value))
    return formatMoney(value, currency);
  if (name?.endsWith('_rate') || name === 'confidence') return `${formatNumber(value, 2)} %`;
  return formatNumber(value, 6);
}

function Facts({
  record,
  currency,
  percentages,
}: {
  record: Record_;
  currency?: string;
  percentages?: boolean;
}) {
  const m = useMessages(taskPanelTexts);
  const fields = useMessages(fieldNames);
  const sources = isRecord(record.source) ? record.source : {};
  const entries = Object.entries(record).filter(([key]) => key !== 'source');
  if (entries.length === 0) return <span class="muted">—</span>;
  return (
    <dl class="facts">
      {entries.map(([key, v]) => (
        <Fact key={key} label={pathName(fields, key)} source={describeSource(m, sources[key])}>
          <Value value={v} name={percentages ? 'confidence' : key} currency={currency} />
        </Fact>
      ))}
    </dl>
  );
}

function Fact({
  label,
  source,
  children,
}: {
  label: string;
  source: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <>
      <dt>{label}</dt>
      <dd title={source}>{children}</dd>
    </>
  );
}

function ArrayValue({ items, currency }: { items: unknown[]; currency?: string }) {
  const m = useMessages(taskPanelTexts);
  if (items.length === 0) return <span class="muted">{m.none}</span>;
  if (items.every((item) => !isRecord(item) && !Array.isArray(item)))
    return (
      <ul>
        {items.map((item, i) => (
          <li key={i}>
            <Value value={item} currency={currency} />
          </li>
        ))}
      </ul>
    );
  if (items.every(isRecord)) return <RecordTable rows={items as Record_[]} currency={currency} />;
  return (
    <ol>
      {items.map((item, i) => (
        <li key={i}>
          <Value value={item} currency={currency} />
        </li>
      ))}
    </ol>
  );
}

/** Records sharing their keys read best as a table: one column per key, `source` as each row's tooltip. */
function RecordTable({ rows, currency }: { rows: Record_[]; currency?: string }) {
  const m = useMessages(taskPanelTexts);
  const fields = useMessages(fieldNames);
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((key) => key !== 'source');
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((key) => (
              <th key={key} scope="col">
                {pathName(fields, key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} title={describeSource(m, row.source)}>
              {columns.map((key) => (
                <td key={key} class={typeof row[key] === 'number' ? 'num' : undefined}>
                  <Value
                    value={row[key]}
                    name={key}
                    currency={isCurrency(row.currency) ? row.currency : currency}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A key or field path in words: `supplier.vat_id` → "Supplier › VAT ID". */
export const pathName = (fields: Translation<typeof fieldNames.en>, path: string) =>
  path.split('.').map(fields.name).join(' › ');

/** `{page, line, text}` (or a URL) as a tooltip: where the value was read. */
function describeSource(m: Texts, source: unknown): string | undefined {
  if (typeof source === 'string') return m.source('', source);
  if (!isRecord(source)) return undefined;
  const where = [source.page && m.page(String(source.page)), source.line && m.line(String(source.line))]
    .filter(Boolean)
    .join(', ');
  return m.source(where, typeof source.text === 'string' ? source.text : JSON.stringify(source));
}
