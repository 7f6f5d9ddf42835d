import { useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import { session } from '../../session';
import { ProblemBanner } from '../../ui/feedback';
import { controlProps, Field, SubmitButton, useAction } from '../../ui/form';

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [expired] = useState(session.expiredReason);
  const login = useAction(async () => {
    const result = await ok(api.POST('/v1/auth/login', { body: { email, password } }));
    session.signIn(result.token, result.user, result.expires_in);
  });

  return (
    <section class="auth-card">
      <h1>Sign in to Engage</h1>
      {expired && !login.problem && (
        <div class="banner banner-info" role="status">
          {expired}
        </div>
      )}
      <ProblemBanner problem={login.problem} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void login.run();
        }}
      >
        <Field label="Email" name="email" problem={login.problem}>
          <input
            {...controlProps('email', login.problem)}
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </Field>
        <Field label="Password" name="password" problem={login.problem}>
          <input
            {...controlProps('password', login.problem)}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <SubmitButton busy={login.busy}>Sign in</SubmitButton>
      </form>
      <p>
        New here? <a href="/signup">Create an account</a>
      </p>
      <p class="hint">
        Running locally? <code>bun run dev</code> printed the demo logins (password <code>demo-password</code>
        ).
      </p>
    </section>
  );
}
