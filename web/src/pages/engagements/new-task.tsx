// "New task" on an active engagement (company): a document for TENDER / CTAX (dropped, chosen, or pasted as
// text) or a website for LEADS. A file is uploaded first with a progress bar, then the task is created;
// the caller puts the 202 answer into the list at once and the room moves it along from there.
import { useRef, useState } from 'preact/hooks';
import { api, type Engagement, idempotencyKey, ok, type Task } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { useResource } from '../../live/use-resource';
import { ProblemBanner } from '../../ui/feedback';
import { Field, SubmitButton, useAction } from '../../ui/form';
import { DropZone } from './dropzone';
import { bind, MODULES } from './shared';
import { NotEnoughCredits, TaskCost } from './task-credits';
import { uploadFile } from './upload';

type Priority = Task['priority'];

interface Submission {
  taskKey: string;
  /** The upload key belongs to one chosen file; the file's id once it is stored, so a retry skips it. */
  upload?: { file: File; key: string; fileId?: string };
}

export function NewTaskForm({
  engagement,
  onCreated,
}: {
  engagement: Engagement;
  onCreated: (t: Task) => void;
}) {
  const modules = engagement.modules.filter((m) => MODULES[m]);
  const [title, setTitle] = useState('');
  const [module, setModule] = useState(modules[0] ?? '');
  const [priority, setPriority] = useState<Priority>('normal');
  const [source, setSource] = useState<'file' | 'text'>('file');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const submission = useRef<Submission | null>(null);
  const spec = MODULES[module];
  const credits = useResource(() => ok(api.GET('/v1/credits')), []);

  const choose = (chosen: File | null | undefined) => {
    setFile(chosen ?? null);
    setCreated(null);
    if (chosen && !title.trim()) setTitle(chosen.name.replace(/\.[^.]+$/, ''));
  };

  const submit = useAction(async () => {
    if (!spec) throw new ApiProblem(422, 'Choose a module', '', [{ path: 'module', message: 'Required' }]);
    // Checked before uploading, so a missing title does not leave a stored file behind.
    if (!title.trim())
      throw new ApiProblem(422, 'Give the task a title', '', [{ path: 'title', message: 'Required' }]);
    // Known short before uploading: say so now rather than after the file went up (the API decides anyway).
    const balance = credits.data?.balance;
    const price = credits.data?.prices[module]?.task ?? 0;
    const uploads = module !== 'LEADS' && source === 'file';
    if (uploads && balance !== undefined && balance < price)
      throw new ApiProblem(402, 'Not enough AI credits', '', [], { balance, price });
    try {
      await create(spec.type, spec.purpose);
    } catch (error) {
      setProgress(null);
      throw error;
    }
  });

  const create = async (type: string, purpose: 'rfp' | 'invoice' | undefined) => {
    submission.current ??= { taskKey: idempotencyKey() };
    const current = submission.current;
    let input: Record<string, string>;
    if (module === 'LEADS') input = { url: url.trim() };
    else if (source === 'text') input = { text };
    else {
      if (!file)
        throw new ApiProblem(422, 'Choose a file', '', [
          { path: 'file', message: 'Drop a file here or choose one' },
        ]);
      if (current.upload?.file !== file) current.upload = { file, key: idempotencyKey() };
      const upload = current.upload;
      if (!upload.fileId) {
        setProgress(0);
        const stored = await uploadFile({
          file,
          purpose: purpose ?? 'attachment',
          engagementId: engagement.id,
          idempotencyKey: upload.key,
          onProgress: setProgress,
        });
        upload.fileId = stored.id;
      }
      input = { file_id: upload.fileId };
    }
    const task = await ok(
      api.POST('/v1/engagements/{id}/tasks', {
        params: { path: { id: engagement.id } },
        body: { title: title.trim(), module, type, priority, input },
        headers: { 'Idempotency-Key': current.taskKey },
      }),
    );
    submission.current = null;
    void credits.reload();
    onCreated(task);
    setCreated(task.title);
    setTitle('');
    setFile(null);
    setText('');
    setUrl('');
    setProgress(null);
    setInputKey((k) => k + 1); // a fresh file input, so the same file can be chosen again
  };
  const problem = submit.problem;
  const what = module === 'TENDER' ? 'RFP' : 'invoice';

  return (
    <form
      class="card"
      aria-labelledby="new-task-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setCreated(null);
        void submit.run();
      }}
    >
      <h3 id="new-task-title">New task</h3>
      <NotEnoughCredits problem={problem} />
      {problem?.status !== 402 && <ProblemBanner problem={problem} />}
      {created && !submit.busy && (
        <p class="banner banner-good" role="status">
          Task “{created}” created. It is processed in the background; the list below updates live.
        </p>
      )}
      <div class="cols-3">
        <Field label="Title" name="task-title" paths={['title']} problem={problem}>
          <input
            {...bind('task-title', 'title', problem)}
            maxLength={200}
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </Field>
        <Field label="Module" name="task-module" paths={['module', 'type']} problem={problem}>
          <select
            {...bind('task-module', 'module', problem)}
            value={module}
            onChange={(e) => setModule(e.currentTarget.value)}
          >
            {modules.map((m) => (
              <option key={m} value={m}>
                {MODULES[m]?.label ?? m}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Priority" name="task-priority" paths={['priority']} problem={problem}>
          <select
            {...bind('task-priority', 'priority', problem)}
            value={priority}
            onChange={(e) => setPriority(e.currentTarget.value as Priority)}
          >
            <option value="low">Low</option>
            <option value="normal">Normal</option>
            <option value="high">High</option>
          </select>
        </Field>
      </div>

      {module === 'LEADS' ? (
        <Field
          label="Website"
          name="task-url"
          paths={['input.url', 'input']}
          problem={problem}
          hint="The company website to mine for contacts"
        >
          <input
            {...bind('task-url', 'input.url', problem)}
            type="url"
            placeholder="https://www.example.com"
            value={url}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </Field>
      ) : (
        <>
          <fieldset class="segmented">
            <legend>Document</legend>
            <label>
              <input
                type="radio"
                name="task-source"
                checked={source === 'file'}
                onChange={() => setSource('file')}
              />
              Upload a file
            </label>
            <label>
              <input
                type="radio"
                name="task-source"
                checked={source === 'text'}
                onChange={() => setSource('text')}
              />
              Paste text
            </label>
          </fieldset>
          {source === 'file' ? (
            <Field
              label={`${what === 'RFP' ? 'RFP' : 'Invoice'} file`}
              name="task-file"
              paths={['file', 'input.file_id', 'input']}
              problem={problem}
            >
              <DropZone
                id="task-file"
                path="file"
                problem={problem}
                what={what}
                accept={spec?.accept}
                file={file}
                onChoose={choose}
                resetKey={inputKey}
              />
            </Field>
          ) : (
            <Field
              label={`${what === 'RFP' ? 'RFP' : 'Invoice'} text`}
              name="task-text"
              paths={['input.text', 'input']}
              problem={problem}
            >
              <textarea
                {...bind('task-text', 'input.text', problem)}
                rows={8}
                value={text}
                onInput={(e) => setText(e.currentTarget.value)}
              />
            </Field>
          )}
        </>
      )}

      {progress !== null && (
        <div class="upload-progress">
          <label for="upload-progress">Uploading</label>
          <progress id="upload-progress" max={100} value={progress} />
          <span>{progress} %</span>
        </div>
      )}
      <TaskCost credits={credits.data} module={module} />
      <div class="row">
        <SubmitButton busy={submit.busy}>Create task</SubmitButton>
      </div>
    </form>
  );
}
