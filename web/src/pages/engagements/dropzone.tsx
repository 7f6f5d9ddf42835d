// A file drop zone around a real file input: drag a file onto it, or reach the input with the keyboard
// (Tab, then Space/Enter opens the chooser). The input's id is what the Field's label points at.
import { useState } from 'preact/hooks';
import type { ApiProblem } from '../../api/problem';
import { useMessages } from '../../i18n/define';
import { bind, formatSize } from './shared';
import { newTaskTexts } from './task-messages';

export function DropZone(props: {
  id: string;
  /** The problem path whose message belongs to this input. */
  path: string;
  problem: ApiProblem | undefined;
  /** What to drop, in words: "Drop the invoice here, or choose it (.pdf .png)." */
  prompt: string;
  accept: string | undefined;
  file: File | null;
  onChoose: (file: File | undefined) => void;
  /** Changing it gives a fresh input, so the same file can be chosen again after a reset. */
  resetKey: number;
}) {
  const m = useMessages(newTaskTexts);
  const [dragging, setDragging] = useState(false);
  return (
    <fieldset
      class={`dropzone${dragging ? ' dragging' : ''}`}
      aria-label={m.dropZone}
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
      <p>{props.prompt}</p>
      <input
        key={props.resetKey}
        {...bind(props.id, props.path, props.problem)}
        type="file"
        accept={props.accept}
        onChange={(e) => props.onChoose(e.currentTarget.files?.[0])}
      />
      {props.file && (
        <p class="hint" aria-live="polite">
          {m.selected} <strong>{props.file.name}</strong> ({formatSize(props.file.size)})
        </p>
      )}
    </fieldset>
  );
}
