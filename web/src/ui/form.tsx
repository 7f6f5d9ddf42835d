// Forms: a labelled field that shows the API's message for its path right beside it, and useAction for a
// submit that tracks busy state and the problem+json it answered.
import type { ComponentChildren } from 'preact';
import { useCallback, useRef, useState } from 'preact/hooks';
import { type ApiProblem, asProblem } from '../api/problem';
import { common } from '../i18n/common';
import { useMessages } from '../i18n/define';

export function Field(props: {
  label: string;
  /** The id of the control inside, and the problem path whose message is shown here. */
  name: string;
  problem?: ApiProblem;
  /** Other problem paths shown here too (e.g. `rate.amount` beside a combined rate field). */
  paths?: string[];
  hint?: string;
  children: ComponentChildren;
}) {
  // A message stays until the person edits the field: then it is theirs to fix, not ours to keep shouting.
  const [editedAfter, setEditedAfter] = useState<ApiProblem>();
  const message =
    props.problem && props.problem !== editedAfter
      ? [props.name, ...(props.paths ?? [])].map((path) => props.problem?.fieldError(path)).find(Boolean)
      : undefined;
  return (
    <div
      class={`field${message ? ' field-invalid' : ''}`}
      onInput={() => message && setEditedAfter(props.problem)}
      onChange={() => message && setEditedAfter(props.problem)}
    >
      <label for={props.name}>{props.label}</label>
      {props.children}
      {props.hint && !message && (
        <small class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </small>
      )}
      {message && (
        <small class="field-error" id={`${props.name}-error`} role="alert">
          {message}
        </small>
      )}
    </div>
  );
}

/** Attributes for a control inside Field, linking it to its message for screen readers. */
export function controlProps(name: string, problem?: ApiProblem) {
  const invalid = Boolean(problem?.fieldError(name));
  return {
    id: name,
    name,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? `${name}-error` : undefined,
  };
}

export interface Action<A extends unknown[]> {
  run: (...args: A) => Promise<boolean>;
  busy: boolean;
  problem: ApiProblem | undefined;
  clear: () => void;
}

/** Runs `act`; true when it succeeded. A second run while one is under way is ignored (double clicks). */
export function useAction<A extends unknown[]>(act: (...args: A) => Promise<unknown>): Action<A> {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const running = useRef(false);
  const latest = useRef(act);
  latest.current = act;
  const run = useCallback(async (...args: A) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setProblem(undefined);
    try {
      await latest.current(...args);
      return true;
    } catch (caught) {
      setProblem(asProblem(caught));
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { run, busy, problem, clear: () => setProblem(undefined) };
}

export function SubmitButton({ busy, children }: { busy: boolean; children: ComponentChildren }) {
  const m = useMessages(common);
  return (
    <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
      {busy ? m.working : children}
    </button>
  );
}
