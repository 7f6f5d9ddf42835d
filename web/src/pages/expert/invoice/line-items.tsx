// The line items as an editable table: description, quantity, unit price and amount in the document's
// number style, rows added and removed, each row's quantity × unit price checked as the expert types.
// On a phone each row becomes a small card (see review.css), so the page never scrolls sideways.
import { useRef, useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/define';
import { formatAmount, formatQuantity } from '../../../ui/amounts';
import { formatNumber } from '../../../ui/format';
import { useInvoiceForm } from './form-context';
import { controlId, useHighlight } from './highlight';
import { NumberInput } from './inputs';
import { emptyLineItem, type LineItem, lineItems, rawRows, rowBoxPath } from './invoice';
import { FieldNotes } from './invoice-field';
import { invoiceFields, invoiceMessages } from './messages';
import { readAmount, readQuantity } from './numbers';
import { rowArithmetic } from './sums';

export function LineItemsTable({ onRemove }: { onRemove: (index: number) => void }) {
  const form = useInvoiceForm();
  const m = useMessages(invoiceMessages);
  const f = useMessages(invoiceFields);
  const items = lineItems(form.output);
  // Stable row keys, so removing a row does not hand its neighbour's half-typed text to another row.
  const next = useRef(items.length);
  const [keys, setKeys] = useState(() => items.map((_, i) => i));
  const rowKeys = keys.length === items.length ? keys : items.map((_, i) => i);

  const add = () => {
    setKeys([...rowKeys, next.current++]);
    // A new row has no amount yet: an error until one is typed, so it cannot be saved half-filled.
    form.set('line_items', [...rawRows(form.output), emptyLineItem()]);
    form.set(`line_items.${items.length}.amount`, null, m.enterAmount);
  };
  const remove = (index: number) => {
    setKeys(rowKeys.filter((_, i) => i !== index));
    onRemove(index);
  };

  return (
    <div class="line-items" data-testid="line-items">
      <h3>
        {f.line_items} <FieldNotes path="line_items" />
      </h3>
      <div class="table-wrap">
        <table>
          <colgroup>
            <col />
            <col class="col-quantity" />
            <col class="col-money" />
            <col class="col-money" />
            <col class="col-remove" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{f.description}</th>
              <th scope="col" class="num">
                {f.quantity}
              </th>
              <th scope="col" class="num">
                {f.unit_price}
              </th>
              <th scope="col" class="num">
                {f.amount}
              </th>
              <th scope="col">
                <span class="visually-hidden">{m.remove}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, i) => (
              <Row key={rowKeys[i]} index={i} item={item} onRemove={() => remove(i)} />
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" class="small" onClick={add}>
        {m.addRow}
      </button>
    </div>
  );
}

function Row({ index, item, onRemove }: { index: number; item: LineItem; onRemove: () => void }) {
  const form = useInvoiceForm();
  const highlight = useHighlight();
  const m = useMessages(invoiceMessages);
  const f = useMessages(invoiceFields);
  const number = formatNumber(index + 1);
  const box = rowBoxPath(index);
  const path = (field: string) => `line_items.${index}.${field}`;
  const money = (v: number) => formatAmount(v, form.currency, form.language);
  const arithmetic = rowArithmetic(item);
  const cell = (field: 'description' | 'quantity' | 'unit_price' | 'amount') => {
    const error = form.errorOf(path(field));
    return {
      id: controlId(path(field)),
      name: controlId(path(field)),
      'aria-label': m.row(f[field], number),
      'aria-invalid': Boolean(error) || undefined,
      'aria-describedby': error ? `${controlId(path(field))}-error` : undefined,
      onFocus: () => highlight.select(box),
    };
  };
  const errors = ['description', 'quantity', 'unit_price', 'amount']
    .map((field) => [field, form.errorOf(path(field))] as const)
    .filter(([, error]) => error);
  const classes = [highlight.hovered === box && 'row-hovered', highlight.selected === box && 'row-selected'];
  return (
    <tr class={classes.filter(Boolean).join(' ')} data-testid="line-item" data-row={index}>
      <td data-label={f.description} class="cell-description">
        <input
          {...cell('description')}
          value={item.description}
          onInput={(e) => form.set(path('description'), e.currentTarget.value)}
        />
        {errors.map(([field, error]) => (
          <small class="field-error" id={`${controlId(path(field))}-error`} role="alert" key={field}>
            {error}
          </small>
        ))}
        {arithmetic.state === 'mismatch' && (
          <small class="row-mismatch" data-testid="row-mismatch">
            <span aria-hidden="true">✗ </span>
            {m.rowMismatch(money(arithmetic.expected), money(arithmetic.actual))}
          </small>
        )}
      </td>
      <td data-label={f.quantity} class="num">
        <NumberInput
          control={cell('quantity')}
          value={item.quantity}
          format={(v) => formatQuantity(v, form.language)}
          parse={(text) => readQuantity(text, form.language, m)}
          onChange={(v, error) => form.set(path('quantity'), v, error)}
        />
      </td>
      <td data-label={f.unit_price} class="num">
        <NumberInput
          control={cell('unit_price')}
          value={item.unit_price}
          format={money}
          parse={(text) => readAmount(text, form.currency, form.language, m)}
          onChange={(v, error) => form.set(path('unit_price'), v, error)}
        />
        {item.discount_percent ? (
          <small class="row-discount">
            {m.rowDiscount(formatQuantity(item.discount_percent, form.language))}
          </small>
        ) : null}
      </td>
      <td data-label={f.amount} class="num">
        <NumberInput
          control={cell('amount')}
          value={item.amount}
          format={money}
          parse={(text) => readAmount(text, form.currency, form.language, m)}
          required={m.enterAmount}
          onChange={(v, error) => form.set(path('amount'), v, error)}
        />
      </td>
      <td data-label="">
        <button
          type="button"
          class="small danger remove-row"
          onClick={onRemove}
          aria-label={m.removeRowNumber(number)}
          title={m.removeRowNumber(number)}
        >
          <span aria-hidden="true">×</span>
          <span class="remove-label"> {m.removeRow}</span>
        </button>
      </td>
    </tr>
  );
}
