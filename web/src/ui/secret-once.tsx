// A secret shown once (an API key, a webhook signing secret): the message, the value, a copy button, and a
// button to put it away.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export function SecretOnce(props: {
  value: string;
  testId: string;
  onClose: () => void;
  children: ComponentChildren;
}) {
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
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" class="link" onClick={props.onClose}>
          I have stored it
        </button>
      </div>
    </div>
  );
}
