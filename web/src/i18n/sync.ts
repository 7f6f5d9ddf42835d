// The user's language lives in two places: this browser (what the dashboard shows now) and the account (what
// emails are written in, and the start on a new device). A choice made here is the newest, so it is saved to
// the account; a browser without a choice of its own adopts the account's.
import { api, ok } from '../api/client';
import { session, type User } from '../session';
import { hasOwnChoice, type Locale, locale, onLocaleChange, setLocale } from './locale';

export function syncLocale(user: User): () => void {
  const save = (next: Locale) => {
    if (next === (session.user()?.locale ?? user.locale)) return;
    // Not worth a banner: the dashboard is already in the chosen language; emails follow on the next try.
    ok(api.PATCH('/v1/me', { body: { locale: next } }))
      .then((me) => session.updateUser(me.user))
      .catch(() => {});
  };
  if (hasOwnChoice()) save(locale());
  else if (user.locale !== locale()) setLocale(user.locale, { remember: false });
  return onLocaleChange(() => save(locale()));
}
