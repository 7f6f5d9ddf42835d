// The API's refusals of a sign-in or sign-up in plain words of the dashboard's language: a wrong password,
// a disabled account, too many attempts, a taken email, and each field's message by what was typed in it.
// Other problems (a server error) keep the API's own words.
import { useMemo } from 'preact/hooks';
import { ApiProblem } from '../../api/problem';
import { type Translation, useMessages } from '../../i18n/define';
import { authMessages } from './messages';

type Texts = Translation<typeof authMessages.en>;

const LONGEST: Record<string, number> = { name: 120, company_name: 120, headline: 200, email: 254 };

function fieldMessage(field: string, typed: string, m: Texts): string | undefined {
  if (field === 'password') {
    if (typed === '') return m.required;
    return typed.length > 200 ? m.passwordLong : m.passwordShort;
  }
  if (typed.trim() === '') return m.required;
  if (typed.length > (LONGEST[field] ?? Number.POSITIVE_INFINITY)) return m.tooLong(LONGEST[field] ?? 0);
  if (field === 'email') return m.emailInvalid;
  return undefined;
}

export function plainProblem(problem: ApiProblem, typed: Record<string, string>, m: Texts): ApiProblem {
  const errors = problem.errors.map((error) => {
    const field = error.path.replace(/^body\./, '');
    return { path: error.path, message: fieldMessage(field, typed[field] ?? '', m) ?? error.message };
  });
  const title = plainTitle(problem, errors.length > 0, m);
  return title === null ? problem : new ApiProblem(problem.status, title, '', errors);
}

function plainTitle(problem: ApiProblem, withFields: boolean, m: Texts): string | null {
  if (problem.status === 401)
    return /disabled/i.test(problem.detail) ? m.accountDisabled : m.wrongCredentials;
  if (problem.status === 429) return m.tooManyAttempts;
  if (problem.status === 409) return m.emailTaken;
  if ((problem.status === 400 || problem.status === 422) && withFields) return m.checkFields;
  if (problem.status === 0 && problem.title === 'Network error') return m.unreachable;
  return null;
}

/** The action's problem in plain words, the same object until the problem changes (fields key on it). */
export function usePlainProblem(problem: ApiProblem | undefined, typed: Record<string, string>) {
  const m = useMessages(authMessages);
  // Keyed by the problem alone: the words are those typed when it was refused.
  return useMemo(() => problem && plainProblem(problem, typed, m), [problem]);
}
