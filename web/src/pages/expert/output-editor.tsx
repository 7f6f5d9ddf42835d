// The AI result as a form the expert can correct: text, number and date fields as inputs, amounts (minor units,
// next to the result's `currency`, or `{ amount, currency }`) and numbers in the dashboard's language, anything
// else nested as JSON. Fields are edited in place; the page compares against the original to know whether this
// is a plain approval or a corrected one.
import type { ComponentChildren } from 'preact';
import type { ApiProblem } from '../../api/problem';
import { useMessages } from '../../i18n/define';
import { expertMessages } from './messages';
import { dateInputType, isMoneyValue, JsonField, MoneyInput, NumberInput } from './output-inputs';

type Output = Record<string, unknown>;

// Provenance and reading extras the engine records per field (the line read, confidence, boxes, printed
// values): the source is shown as a hint, none is edited.
const HIDDEN = new Set(['source', 'field_confidence', 'boxes', 'printed', 'learned']);
const MONEY = /(^|_)(net|gross|amount|total|budget|price|value)$/;

export interface Edits {
  output: Output;
  /** Fields whose text is not yet valid (bad JSON or amount), by key. */
  invalid: Record<string, string>;
}

export function OutputEditor({
  original,
  edits,
  onChange,
  problem,
}: {
  original: Output;
  edits: Edits;
  onChange: (edits: Edits) => void;
  problem?: ApiProblem;
}) {
  const m = useMessages(expertMessages);
  const currency = typeof original.currency === 'string' ? original.currency : null;
  const source = (original.source ?? {}) as Record<string, { text?: string }>;
  const set = (key: string, value: unknown, error?: string) => {
    const invalid = { ...edits.invalid };
    if (error) invalid[key] = error;
    else delete invalid[key];
    onChange({ output: { ...edits.output, [key]: value }, invalid });
  };

  return (
    <div class="output-editor">
      {Object.keys(original)
        .filter((key) => !HIDDEN.has(key))
        .map((key) => {
          const id = `output-${key}`;
          const label = m.outputField(key);
          const read = source[key]?.text;
          const hint = read ? m.readFrom(read) : undefined;
          const value = edits.output[key];
          const error = edits.invalid[key] ?? problem?.fieldError(`output.${key}`);
          const common = { label, name: id, hint: error ? undefined : hint };
          const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
          const control = {
            id,
            name: id,
            'aria-invalid': Boolean(error) || undefined,
            'aria-describedby': describedBy,
          };
          const wrap = (input: ComponentChildren) => (
            <div class={`field${error ? ' field-invalid' : ''}`} key={key}>
              <label for={id}>{label}</label>
              {input}
              {!error && hint && (
                <small class="hint" id={`${id}-hint`}>
                  {hint}
                </small>
              )}
              {error && (
                <small class="field-error" id={`${id}-error`} role="alert">
                  {error}
                </small>
              )}
            </div>
          );
          const originalValue = original[key];
          if (currency && MONEY.test(key) && (typeof originalValue === 'number' || originalValue === null)) {
            return wrap(
              <MoneyInput
                control={control}
                value={value as number | null}
                currency={currency}
                onChange={(amount, bad) => set(key, amount, bad)}
              />,
            );
          }
          if (isMoneyValue(originalValue)) {
            const money = isMoneyValue(value) ? value : originalValue;
            return wrap(
              <MoneyInput
                control={control}
                value={money.amount}
                currency={money.currency}
                onChange={(amount, bad) => set(key, amount === null ? null : { ...money, amount }, bad)}
              />,
            );
          }
          if (typeof originalValue === 'number') {
            return wrap(
              <NumberInput
                control={control}
                value={value as number | null}
                onChange={(n, bad) => set(key, n, bad)}
              />,
            );
          }
          const dateType = dateInputType(originalValue);
          if (dateType) {
            return wrap(
              <input
                {...control}
                type={dateType}
                value={typeof value === 'string' ? value : ''}
                onInput={(e) => set(key, e.currentTarget.value === '' ? null : e.currentTarget.value)}
              />,
            );
          }
          if (typeof originalValue === 'string' || originalValue === null) {
            return wrap(
              <input
                {...control}
                value={typeof value === 'string' ? value : ''}
                onInput={(e) => set(key, e.currentTarget.value === '' ? null : e.currentTarget.value)}
              />,
            );
          }
          return (
            <JsonField
              key={key}
              {...common}
              control={control}
              value={value}
              error={error}
              onChange={set.bind(null, key)}
            />
          );
        })}
    </div>
  );
}
