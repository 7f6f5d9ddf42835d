// "Mine a website": starts an extraction and opens it; a URL the safety rules refuse is explained beside the
// field, and a result the company already got for the same site in the last 24 h is opened instead.
import { useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, idempotencyKey, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { ProblemBanner } from '../../ui/feedback';
import { controlProps, Field, SubmitButton, useAction } from '../../ui/form';
import { extractionMessages } from './messages';

export function MineForm() {
  const m = useMessages(extractionMessages);
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
      <h2 id="mine-heading">{m.mineHeading}</h2>
      {!fieldMessage && <ProblemBanner problem={start.problem} />}
      <Field label={m.websiteUrl} name="url" problem={start.problem} hint={m.websiteUrlHint}>
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
      {fieldMessage && <p class="hint">{m.publicOnly}</p>}
      <div class="row">
        <SubmitButton busy={start.busy}>{m.mineWebsite}</SubmitButton>
      </div>
    </form>
  );
}
