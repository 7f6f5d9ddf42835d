// One field of the invoice form with what the reading says about it: a flag (words and icon, not only
// colour) when the Worker trusts it less than the threshold, a note when an earlier review taught where it
// is printed, the line it was read from, and the value as printed when a check rejected it.
import type { ComponentChildren } from 'preact';
import { formatAmount, parseAmount } from '../../../ui/amounts';
import { useInvoiceForm } from './form-context';
import { boxPathOf, controlId, useHighlight } from './highlight';
import { type ControlProps, DateInput, NumberInput, TextInput } from './inputs';
import { numberAt, textAt } from './invoice';

/** The low-trust flag and the learned note for a field path (also used by the line-item table). */
export function FieldNotes({ path }: { path: string }) {
  const { extras, threshold } = useInvoiceForm();
  const confidence = extras.confidence[path];
  const low = confidence !== undefined && confidence < threshold;
  return (
    <>
      {low && (
        <span class="flag-low" data-testid="low-confidence">
          <span aria-hidden="true">⚠ </span>Check this: {confidence} % sure
        </span>
      )}
      {extras.learned.has(path) && (
        <span class="note-learned" data-testid="learned">
          Learned from an earlier review
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
            Printed on the document: <code>{printed}</code>
          </span>
          <button
            type="button"
            class="small"
            onClick={() => (props.usePrinted ?? ((v) => form.set(path, v)))(printed)}
          >
            Use printed value
          </button>
        </div>
      )}
      {source && (
        <small class="hint" id={`${id}-hint`}>
          Read from: “{source}”
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
  const value = numberAt(form.output, path);
  return (
    <InvoiceField path={path} label={label} empty={value === null}>
      {(control) => (
        <NumberInput
          control={control}
          value={value}
          suffix={(form.currency ?? '').toUpperCase()}
          format={(v) => formatAmount(v, form.currency, form.language)}
          parse={(text) => parseAmount(text, form.currency, form.language)}
          onChange={(v, error) => form.set(path, v, error)}
        />
      )}
    </InvoiceField>
  );
}
