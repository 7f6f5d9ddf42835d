// A secret shown once (an API key, a webhook signing secret): the message, the value, a copy button, and a
// button to put it away. Its three words are its own small catalogue (no page domain owns them).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { defineMessages, useMessages } from '../i18n/define';

const secretMessages = defineMessages(
  { copy: 'Copy', copied: 'Copied', stored: 'I have stored it' },
  { copy: 'Kopieren', copied: 'Kopiert', stored: 'Ich habe ihn gespeichert' },
);

export function SecretOnce(props: {
  value: string;
  testId: string;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const m = useMessages(secretMessages);
  const [copied, setCopied] = useState(false);
  return (
    <div class="banner secret-once" role="status" data-testid={props.testId}>
      <p>{props.children}</p>
      <code class="secret-value">{props.value}</code>
      <div class="row">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard?.writeText(props.value).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? m.copied : m.copy}
        </button>
        <button type="button" class="link" onClick={props.onClose}>
          {m.stored}
        </button>
      </div>
    </div>
  );
}
