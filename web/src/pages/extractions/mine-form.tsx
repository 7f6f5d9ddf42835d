// "Mine a website": starts an extraction and opens it; a URL the safety rules refuse is explained beside the
// field, and a result the company already got for the same site in the last 24 h is opened instead.
import { useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, idempotencyKey, ok } from '../../api/client';
import { ProblemBanner } from '../../ui/feedback';
import { controlProps, Field, SubmitButton, useAction } from '../../ui/form';

export function MineForm() {
  const { route } = useLocation();
  const [url, setUrl] = useState('');
  // One key per submission of one URL: a retried submit of the same URL reuses it, another URL gets a new one.
  const submission = useRef<{ url: string; key: string } | undefined>(undefined);

  const start = useAction(async () => {
    const body = { url: url.trim() };
    if (submission.current?.url !== body.url) submission.current = { url: body.url, key: idempotencyKey() };
    const extraction = await ok(
      api.POST('/v1/extractions', { body, headers: { 'Idempotency-Key': submission.current.key } }),
    );
    submission.current = undefined;
    route(`/extractions/${encodeURIComponent(extraction.id)}${extraction.reused ? '?reused=1' : ''}`);
  });

  const fieldMessage = start.problem?.fieldError('url');
  return (
    <form
      class="card ext-mine-form"
      aria-labelledby="mine-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void start.run();
      }}
    >
      <h2 id="mine-heading">Mine a website</h2>
      {!fieldMessage && <ProblemBanner problem={start.problem} />}
      <Field
        label="Website URL"
        name="url"
        problem={start.problem}
        hint="A company's home page, e.g. https://www.example-gmbh.de. We read its imprint, contact and about pages."
      >
        <input
          {...controlProps('url', start.problem)}
          type="text"
          inputMode="url"
          autocomplete="url"
          spellcheck={false}
          placeholder="https://www.example-gmbh.de"
          required
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </Field>
      {fieldMessage && (
        <p class="hint">
          Only public websites can be mined: http or https on the usual ports, no IP addresses and no private
          or internal hosts.
        </p>
      )}
      <div class="row">
        <SubmitButton busy={start.busy}>Mine website</SubmitButton>
      </div>
    </form>
  );
}
