// Sign-in: email and password; a refusal (wrong password, locked for a minute) in plain words.
import { useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { session } from '../../session';
import { ProblemBanner } from '../../ui/feedback';
import { controlProps, Field, SubmitButton, useAction } from '../../ui/form';
import { authMessages } from './messages';
import { usePlainProblem } from './plain-problem';

export function LoginPage() {
  const m = useMessages(authMessages);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // session.ts says why in English for its logs; the page says it in the reader's language.
  const [expired] = useState(() => session.expiredReason() !== null);
  const login = useAction(async () => {
    const result = await ok(api.POST('/v1/auth/login', { body: { email, password } }));
    session.signIn(result.token, result.user, result.expires_in);
  });
  const problem = usePlainProblem(login.problem, { email, password });

  return (
    <section class="auth-card">
      <h1>{m.signInTitle}</h1>
      {expired && !problem && (
        <div class="banner banner-info" role="status">
          {m.sessionExpired}
        </div>
      )}
      <ProblemBanner problem={problem} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void login.run();
        }}
      >
        <Field label={m.email} name="email" problem={problem}>
          <input
            {...controlProps('email', problem)}
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </Field>
        <Field label={m.password} name="password" problem={problem}>
          <input
            {...controlProps('password', problem)}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <SubmitButton busy={login.busy}>{m.signIn}</SubmitButton>
      </form>
      <p>
        {m.newHere} <a href="/signup">{m.createAnAccount}</a>
      </p>
      <p class="hint">
        {m.runningLocally} <code>bun run dev</code> {m.demoLogins} <code>demo-password</code>.
      </p>
    </section>
  );
}
