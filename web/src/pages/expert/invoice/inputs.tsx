// The review form's controls. Numbers keep what the expert types while they type (so "1.2" is not
// reformatted under their cursor) and show the document-style formatting again once they leave the field.
import { useState } from 'preact/hooks';
import type { Checked } from './numbers';

/** What the form gives each control: its id and name, its messages for screen readers, focus tracking. */
export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
  onFocus?: () => void;
}

export function TextInput(props: {
  control: ControlProps;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  return (
    <input
      {...props.control}
      value={props.value ?? ''}
      onInput={(e) => props.onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
    />
  );
}

export function DateInput(props: {
  control: ControlProps;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  return (
    <input
      {...props.control}
      type="date"
      value={props.value ?? ''}
      onInput={(e) => props.onChange(e.currentTarget.value || null)}
    />
  );
}

/**
 * A number in the document's style. An empty field is null, or an error when `required`; text that does
 * not parse keeps the last good value in the output and reports the error, which blocks saving.
 */
export function NumberInput(props: {
  control: ControlProps;
  value: number | null;
  format: (value: number) => string;
  parse: (text: string) => Checked;
  required?: string;
  suffix?: string;
  onChange: (value: number | null, error?: string) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (props.value === null ? '' : props.format(props.value));
  const input = (
    <input
      {...props.control}
      inputMode="decimal"
      autoComplete="off"
      value={shown}
      onInput={(e) => {
        const text = e.currentTarget.value;
        setDraft(text);
        if (text.trim() === '') return props.onChange(null, props.required);
        const parsed = props.parse(text);
        props.onChange(parsed.ok ? parsed.value : props.value, parsed.ok ? undefined : parsed.error);
      }}
      onBlur={(e) => {
        // Keep a bad entry visible beside its error; show a good one in the document's style.
        const text = e.currentTarget.value;
        if (text.trim() === '' || props.parse(text).ok) setDraft(null);
      }}
    />
  );
  if (!props.suffix) return input;
  return (
    <span class="with-suffix">
      {input}
      <span class="muted">{props.suffix}</span>
    </span>
  );
}
