// Sign-up as a company or an expert; the API's refusals (a taken email, a short password) in plain words.
import { useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { locale } from '../../i18n/locale';
import { session } from '../../session';
import { ProblemBanner } from '../../ui/feedback';
import { controlProps, Field, SubmitButton, useAction } from '../../ui/form';
import { authMessages } from './messages';
import { needsBanner, usePlainProblem } from './plain-problem';

type Kind = 'company' | 'expert';

export function SignupPage() {
  const m = useMessages(authMessages);
  const [kind, setKind] = useState<Kind>('company');
  const [form, setForm] = useState({ name: '', email: '', password: '', company_name: '', headline: '' });
  const set = (field: keyof typeof form) => (e: { currentTarget: HTMLInputElement }) =>
    setForm({ ...form, [field]: e.currentTarget.value });

  const signup = useAction(async () => {
    // The language the dashboard shows now becomes the account's (its emails are written in it).
    const common = { name: form.name, email: form.email, password: form.password, locale: locale() };
    const body =
      kind === 'company'
        ? { ...common, type: 'company' as const, company_name: form.company_name }
        : { ...common, type: 'expert' as const, ...(form.headline ? { headline: form.headline } : {}) };
    const result = await ok(api.POST('/v1/auth/signup', { body }));
    session.signIn(result.token, result.user, result.expires_in);
  });
  const problem = usePlainProblem(signup.problem, form);

  return (
    <section class="auth-card">
      <h1>{m.signUpTitle}</h1>
      {needsBanner(problem) && <ProblemBanner problem={problem} />}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void signup.run();
        }}
      >
        <fieldset class="segmented">
          <legend>{m.iAm}</legend>
          {(['company', 'expert'] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="type" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {k === 'company' ? m.aCompany : m.anExpert}
            </label>
          ))}
        </fieldset>
        <Field label={m.yourName} name="name" problem={problem}>
          <input
            {...controlProps('name', problem)}
            required
            autoComplete="name"
            value={form.name}
            onInput={set('name')}
          />
        </Field>
        {kind === 'company' ? (
          <Field label={m.companyName} name="company_name" problem={problem}>
            <input
              {...controlProps('company_name', problem)}
              required
              autoComplete="organization"
              value={form.company_name}
              onInput={set('company_name')}
            />
          </Field>
        ) : (
          <Field label={m.headline} name="headline" problem={problem} hint={m.headlineHint}>
            <input {...controlProps('headline', problem)} value={form.headline} onInput={set('headline')} />
          </Field>
        )}
        <Field label={m.email} name="email" problem={problem}>
          <input
            {...controlProps('email', problem)}
            type="email"
            required
            autoComplete="email"
            value={form.email}
            onInput={set('email')}
          />
        </Field>
        <Field label={m.password} name="password" problem={problem} hint={m.passwordHint}>
          <input
            {...controlProps('password', problem)}
            type="password"
            required
            autoComplete="new-password"
            value={form.password}
            onInput={set('password')}
          />
        </Field>
        <SubmitButton busy={signup.busy}>{m.createAccount}</SubmitButton>
      </form>
      <p>
        {m.haveAccount} <a href="/login">{m.signIn}</a>
      </p>
    </section>
  );
}
