// One field of the invoice form with what the reading says about it: a flag (words and icon, not only
// colour) when the Worker trusts it less than the threshold, a note when an earlier review taught where it
// is printed, the line it was read from, and the value as printed when a check rejected it.
import type { ComponentChildren } from 'preact';
import { useMessages } from '../../../i18n/define';
import { formatAmount } from '../../../ui/amounts';
import { formatPercent } from '../../../ui/format';
import { useInvoiceForm } from './form-context';
import { boxPathOf, controlId, useHighlight } from './highlight';
import { type ControlProps, DateInput, NumberInput, TextInput } from './inputs';
import { numberAt, textAt } from './invoice';
import { invoiceMessages } from './messages';
import { readAmount } from './numbers';

/** The low-trust flag and the learned note for a field path (also used by the line-item table). */
export function FieldNotes({ path }: { path: string }) {
  const { extras, threshold } = useInvoiceForm();
  const m = useMessages(invoiceMessages);
  const confidence = extras.confidence[path];
  const low = confidence !== undefined && confidence < threshold;
  return (
    <>
      {low && (
        <span class="flag-low" data-testid="low-confidence">
          <span aria-hidden="true">⚠ </span>
          {m.lowConfidence(formatPercent(confidence))}
        </span>
      )}
      {extras.learned.has(path) && (
        <span class="note-learned" data-testid="learned">
          {m.learned}
        </span>
      )}
    </>
  );
}

export function InvoiceField(props: {
  path: string;
  label: string;
  /** Whether the field is empty now: a printed value is offered only then. */
  empty: boolean;
  /** How a printed value is copied in (as printed, unless the field stores it otherwise). */
  usePrinted?: (printed: string) => void;
  children: (control: ControlProps) => ComponentChildren;
}) {
  const { path } = props;
  const form = useInvoiceForm();
  const highlight = useHighlight();
  const m = useMessages(invoiceMessages);
  const id = controlId(path);
  const error = form.errorOf(path);
  const source = form.extras.sourceText(path);
  // The value as printed, offered while the field is empty (once copied in, the expert corrects it there).
  const printed = props.empty ? form.extras.printed[path] : undefined;
  const confidence = form.extras.confidence[path];
  const low = confidence !== undefined && confidence < form.threshold;
  const box = boxPathOf(path);
  const described = [error && `${id}-error`, source && `${id}-hint`, printed && `${id}-printed`].filter(
    Boolean,
  );
  const classes = [
    'field',
    error && 'field-invalid',
    low && 'field-low',
    highlight.hovered === box && 'field-hovered',
    highlight.selected === box && 'field-selected',
  ];
  return (
    <div class={classes.filter(Boolean).join(' ')} data-field={path}>
      <label for={id}>
        {props.label} <FieldNotes path={path} />
      </label>
      {props.children({
        id,
        name: id,
        'aria-invalid': Boolean(error) || undefined,
        'aria-describedby': described.join(' ') || undefined,
        onFocus: () => highlight.select(box),
      })}
      {printed && (
        <div class="printed" id={`${id}-printed`}>
          <span>
            {m.printed} <code>{printed}</code>
          </span>
          <button
            type="button"
            class="small"
            onClick={() => (props.usePrinted ?? ((v) => form.set(path, v)))(printed)}
          >
            {m.usePrinted}
          </button>
        </div>
      )}
      {source && (
        <small class="hint" id={`${id}-hint`}>
          {m.readFrom(source)}
        </small>
      )}
      {error && (
        <small class="field-error" id={`${id}-error`} role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

export function TextField({ path, label }: { path: string; label: string }) {
  const form = useInvoiceForm();
  const value = textAt(form.output, path);
  return (
    <InvoiceField path={path} label={label} empty={!value}>
      {(control) => <TextInput control={control} value={value} onChange={(v) => form.set(path, v)} />}
    </InvoiceField>
  );
}

export function DateField({ path, label }: { path: string; label: string }) {
  const form = useInvoiceForm();
  const value = textAt(form.output, path);
  return (
    <InvoiceField path={path} label={label} empty={!value}>
      {(control) => <DateInput control={control} value={value} onChange={(v) => form.set(path, v)} />}
    </InvoiceField>
  );
}

export function MoneyField({ path, label }: { path: string; label: string }) {
  const form = useInvoiceForm();
  const m = useMessages(invoiceMessages);
  const value = numberAt(form.output, path);
  return (
    <InvoiceField path={path} label={label} empty={value === null}>
      {(control) => (
        <NumberInput
          control={control}
          value={value}
          suffix={(form.currency ?? '').toUpperCase()}
          format={(v) => formatAmount(v, form.currency, form.language)}
          parse={(text) => readAmount(text, form.currency, form.language, m)}
          onChange={(v, error) => form.set(path, v, error)}
        />
      )}
    </InvoiceField>
  );
}
