// The dashboard's language: German or English, first from the user's own choice (remembered in localStorage),
// else from the browser's languages. Switching re-renders the whole shell (app.tsx keys it by locale), so
// every text and every formatted number follows at once without each component subscribing.
export type Locale = 'en' | 'de';
export const LOCALES: readonly Locale[] = ['en', 'de'];

const KEY = 'engage.locale';
const listeners = new Set<() => void>();

function fromBrowser(): Locale {
  const languages = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'];
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'de' || base === 'en') return base;
  }
  return 'en';
}

function stored(): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(KEY);
    return value === 'de' || value === 'en' ? value : null;
  } catch {
    return null;
  }
}

let current: Locale = stored() ?? fromBrowser();
if (globalThis.document) document.documentElement.lang = current;

export const locale = (): Locale => current;

/** Whether this browser holds a language chosen by the user (not just guessed from the browser). */
export const hasOwnChoice = () => stored() !== null;

/** Switches the language; `remember: false` for one taken from the account rather than chosen here. */
export function setLocale(next: Locale, { remember = true } = {}) {
  if (next === current) return;
  current = next;
  try {
    if (remember) localStorage.setItem(KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The BCP 47 tag for Intl: the browser's own regional variant when it speaks the chosen language (en-GB dates
 * for a British browser), else the language's usual one.
 */
export function intlLocale(): string {
  const languages = globalThis.navigator?.languages ?? [];
  return (
    languages.find((tag) => tag.toLowerCase().split('-')[0] === current) ??
    (current === 'de' ? 'de-DE' : 'en-US')
  );
}

// Another tab switched language.
globalThis.addEventListener?.('storage', (event) => {
  if (
    event.key === KEY &&
    (event.newValue === 'de' || event.newValue === 'en') &&
    event.newValue !== current
  ) {
    current = event.newValue;
    document.documentElement.lang = current;
    for (const listener of listeners) listener();
  }
});
