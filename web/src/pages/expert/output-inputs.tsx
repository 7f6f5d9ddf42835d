// The result editor's controls: numbers and money typed in the dashboard's language (4.500,00 in German,
// 4,500.00 in English) and kept as numbers and minor units, ISO days as date inputs, anything else as JSON.
import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/define';
import { locale } from '../../i18n/locale';
import { formatQuantity, parseQuantity } from '../../ui/amounts';
import { Field } from '../../ui/form';
import { formatMoneyInput, parseMoney } from '../../ui/format';
import { expertMessages } from './messages';

type Control = Record<string, unknown>;

/** `{ amount, currency }` as the API writes money inside a result (an RFP's budget); currency may be unknown. */
export type MoneyValue = { amount: number; currency: string | null };

export const isMoneyValue = (value: unknown): value is MoneyValue =>
  typeof value === 'object' &&
  value !== null &&
  Object.keys(value).every((k) => k === 'amount' || k === 'currency') &&
  typeof (value as MoneyValue).amount === 'number' &&
  (typeof (value as MoneyValue).currency === 'string' || (value as MoneyValue).currency === null);

/** A day (2026-12-24) or a day and time (2026-12-24T12:00) as the result writes them; the input of each. */
export function dateInputType(value: unknown): 'date' | 'datetime-local' | null {
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? 'datetime-local' : null;
}

/** Minor units in major units; without a currency the amount is read with two decimals (the API's default). */
export function MoneyInput(props: {
  control: Control;
  value: number | null;
  currency: string | null;
  onChange: (amount: number | null, error?: string) => void;
}) {
  const m = useMessages(expertMessages);
  const currency = props.currency ?? ''; // no code: exponentOf falls back to two decimals
  const [text, setText] = useState(props.value === null ? '' : formatMoneyInput(props.value, currency));
  return (
    <span class="money-input">
      <input
        {...props.control}
        inputMode="decimal"
        value={text}
        onInput={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          if (next.trim() === '') return props.onChange(null);
          const amount = parseMoney(next, currency);
          const example = formatMoneyInput(123456, currency);
          props.onChange(amount ?? props.value, amount === null ? m.notAnAmount(example) : undefined);
        }}
      />
      {props.currency && <span class="muted">{props.currency.toUpperCase()}</span>}
    </span>
  );
}

/** A plain number in the dashboard's language rather than the browser's (`type="number"` would follow it). */
export function NumberInput(props: {
  control: Control;
  value: number | null;
  onChange: (value: number | null, error?: string) => void;
}) {
  const m = useMessages(expertMessages);
  const [text, setText] = useState(props.value === null ? '' : formatQuantity(props.value, locale()));
  return (
    <input
      {...props.control}
      inputMode="decimal"
      value={text}
      onInput={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        if (next.trim() === '') return props.onChange(null);
        const parsed = parseQuantity(next, locale());
        if (parsed.ok) props.onChange(parsed.value);
        else props.onChange(props.value, m.notANumber(formatQuantity(1234.5, locale())));
      }}
    />
  );
}

export function JsonField(props: {
  label: string;
  name: string;
  hint?: string;
  control: Control;
  value: unknown;
  error?: string;
  onChange: (value: unknown, error?: string) => void;
}) {
  const m = useMessages(expertMessages);
  const [text, setText] = useState(JSON.stringify(props.value, null, 2));
  return (
    <Field label={props.label} name={props.name}>
      <textarea
        {...props.control}
        class="json-field"
        rows={Math.min(12, text.split('\n').length + 1)}
        value={text}
        onInput={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          try {
            props.onChange(JSON.parse(next));
          } catch {
            props.onChange(props.value, m.notJson);
          }
        }}
      />
      {props.error && (
        <small class="field-error" id={`${props.name}-error`} role="alert">
          {props.error}
        </small>
      )}
    </Field>
  );
}
