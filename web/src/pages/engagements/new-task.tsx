// "New task" on an active engagement (company): a document for TENDER / CTAX (dropped, chosen, or pasted as
// text) or a website for LEADS. A file is uploaded first with a progress bar, then the task is created;
// the caller puts the 202 answer into the list at once and the room moves it along from there.
import { useRef, useState } from 'preact/hooks';
import { api, type Engagement, idempotencyKey, ok, type Task } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { ProblemBanner } from '../../ui/feedback';
import { Field, SubmitButton, useAction } from '../../ui/form';
import { formatPercent } from '../../ui/format';
import { DropZone } from './dropzone';
import { engagementWords } from './messages';
import { bind, MODULES } from './shared';
import { NotEnoughCredits, TaskCost } from './task-credits';
import { newTaskTexts } from './task-messages';
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
  const m = useMessages(newTaskTexts);
  const words = useMessages(engagementWords);
  const modules = engagement.modules.filter((code) => MODULES[code]);
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
    if (!spec) throw new ApiProblem(422, m.chooseModule, '', [{ path: 'module', message: m.required }]);
    // Checked before uploading, so a missing title does not leave a stored file behind.
    if (!title.trim()) throw new ApiProblem(422, m.nameIt, '', [{ path: 'title', message: m.required }]);
    // Known short before uploading: say so now rather than after the file went up (the API decides anyway).
    const balance = credits.data?.balance;
    const price = credits.data?.prices[module]?.task ?? 0;
    const uploads = module !== 'LEADS' && source === 'file';
    if (uploads && balance !== undefined && balance < price)
      throw new ApiProblem(402, m.notEnough, '', [], { balance, price });
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
      if (!file) throw new ApiProblem(422, m.chooseFile, '', [{ path: 'file', message: m.dropOrChoose }]);
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
  const kind = spec?.purpose === 'rfp' ? 'rfp' : 'invoice';

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
      <h3 id="new-task-title">{m.title}</h3>
      <NotEnoughCredits problem={problem} />
      {problem?.status !== 402 && <ProblemBanner problem={problem} />}
      {created && !submit.busy && (
        <p class="banner banner-good" role="status">
          {m.created(created)}
        </p>
      )}
      <div class="cols-3">
        <Field label={m.titleLabel} name="task-title" paths={['title']} problem={problem}>
          <input
            {...bind('task-title', 'title', problem)}
            maxLength={200}
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </Field>
        <Field label={m.module} name="task-module" paths={['module', 'type']} problem={problem}>
          <select
            {...bind('task-module', 'module', problem)}
            value={module}
            onChange={(e) => setModule(e.currentTarget.value)}
          >
            {modules.map((code) => (
              <option key={code} value={code}>
                {words.moduleName(code)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={m.priority} name="task-priority" paths={['priority']} problem={problem}>
          <select
            {...bind('task-priority', 'priority', problem)}
            value={priority}
            onChange={(e) => setPriority(e.currentTarget.value as Priority)}
          >
            {(['low', 'normal', 'high'] as const).map((p) => (
              <option key={p} value={p}>
                {words.priority(p)}
              </option>
            ))}
          </select>
        </Field>
      </div>

      {module === 'LEADS' ? (
        <Field
          label={m.website}
          name="task-url"
          paths={['input.url', 'input']}
          problem={problem}
          hint={m.websiteHint}
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
            <legend>{m.document}</legend>
            <label>
              <input
                type="radio"
                name="task-source"
                checked={source === 'file'}
                onChange={() => setSource('file')}
              />
              {m.upload}
            </label>
            <label>
              <input
                type="radio"
                name="task-source"
                checked={source === 'text'}
                onChange={() => setSource('text')}
              />
              {m.paste}
            </label>
          </fieldset>
          {source === 'file' ? (
            <Field
              label={m.fileLabel(kind)}
              name="task-file"
              paths={['file', 'input.file_id', 'input']}
              problem={problem}
            >
              <DropZone
                id="task-file"
                path="file"
                problem={problem}
                prompt={m.dropHere(kind, spec?.accept?.replaceAll(',', ' ') ?? '')}
                accept={spec?.accept}
                file={file}
                onChoose={choose}
                resetKey={inputKey}
              />
            </Field>
          ) : (
            <Field
              label={m.textLabel(kind)}
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
          <label for="upload-progress">{m.uploading}</label>
          <progress id="upload-progress" max={100} value={progress} />
          <span>{formatPercent(progress)}</span>
        </div>
      )}
      <TaskCost credits={credits.data} module={module} />
      <div class="row">
        <SubmitButton busy={submit.busy}>{m.create}</SubmitButton>
      </div>
    </form>
  );
}
