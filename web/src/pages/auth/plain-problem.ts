// Each field's refusal in plain words of the dashboard's language, chosen by what was typed (empty, too short,
// too long, not an email), instead of the API's English validation messages. The banner's words come from the
// shared problem catalogue (i18n/problems.ts); a taken email, which the API answers with a bare 409, is said
// beside the email field here.
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
  const longest = LONGEST[field];
  if (longest !== undefined && typed.length > longest) return m.tooLong(longest);
  if (field === 'email') return m.emailInvalid;
  return undefined;
}

export function plainProblem(problem: ApiProblem, typed: Record<string, string>, m: Texts): ApiProblem {
  const errors = problem.errors.map((error) => {
    const field = error.path.replace(/^body\./, '');
    return { path: error.path, message: fieldMessage(field, typed[field] ?? '', m) ?? error.message };
  });
  if (problem.slug === 'email-taken' && !errors.some((e) => e.path.endsWith('email')))
    errors.push({ path: 'email', message: m.emailTaken });
  return new ApiProblem(
    problem.status,
    problem.title,
    problem.detail,
    errors,
    problem.credits,
    problem.type,
    problem.extensions,
  );
}

/** The action's problem with plain field messages, the same object until the problem changes (fields key on it). */
export function usePlainProblem(problem: ApiProblem | undefined, typed: Record<string, string>) {
  const m = useMessages(authMessages);
  // Keyed by the problem alone: the words are those typed when it was refused.
  return useMemo(() => problem && plainProblem(problem, typed, m), [problem]);
}

/** Whether the banner has more to say than the fields do (a taken email is said beside the field). */
export const needsBanner = (problem: ApiProblem | undefined) => Boolean(problem) && problem?.status !== 409;
