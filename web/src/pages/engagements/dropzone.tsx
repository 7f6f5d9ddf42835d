// A file drop zone around a real file input: drag a file onto it, or reach the input with the keyboard
// (Tab, then Space/Enter opens the chooser). The input's id is what the Field's label points at.
import { useState } from 'preact/hooks';
import type { ApiProblem } from '../../api/problem';
import { bind, formatSize } from './shared';

export function DropZone(props: {
  id: string;
  /** The problem path whose message belongs to this input. */
  path: string;
  problem: ApiProblem | undefined;
  what: string;
  accept: string | undefined;
  file: File | null;
  onChoose: (file: File | undefined) => void;
  /** Changing it gives a fresh input, so the same file can be chosen again after a reset. */
  resetKey: number;
}) {
  const [dragging, setDragging] = useState(false);
  return (
    <fieldset
      class={`dropzone${dragging ? ' dragging' : ''}`}
      aria-label="Drop zone"
      onDragEnter={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        // Moving onto a child element is no leaving.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        props.onChoose(e.dataTransfer?.files[0]);
      }}
    >
      <p>
        Drop the {props.what} here, or choose it ({props.accept?.replaceAll(',', ' ')}).
      </p>
      <input
        key={props.resetKey}
        {...bind(props.id, props.path, props.problem)}
        type="file"
        accept={props.accept}
        onChange={(e) => props.onChoose(e.currentTarget.files?.[0])}
      />
      {props.file && (
        <p class="hint" aria-live="polite">
          Selected: <strong>{props.file.name}</strong> ({formatSize(props.file.size)})
        </p>
      )}
    </fieldset>
  );
}
