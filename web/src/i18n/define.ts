// The message catalogue: each domain of the dashboard defines its texts once, English and German side by side,
// and TypeScript refuses a German catalogue that misses a key or takes different arguments — the check no
// runtime i18n library gives at build time, which is why this is a few lines of our own over Intl rather than a
// dependency. Texts with values are functions; plurals go through Intl.PluralRules (`plural`).
import { intlLocale, type Locale, locale } from './locale';

type Message = string | ((...args: never[]) => string);
export type Messages = Record<string, Message>;

/** The same keys, each a string where English has a string and a function of the same arguments where it has one. */
export type Translation<E extends Messages> = { [K in keyof E]: E[K] extends string ? string : E[K] };

export interface Catalogue<E extends Messages> {
  readonly en: E;
  readonly de: Translation<E>;
}

export function defineMessages<const E extends Messages>(en: E, de: Translation<E>): Catalogue<E> {
  return { en, de };
}

/** The texts of a catalogue in the current language (components re-render on a switch: see locale.ts). */
export function messagesOf<E extends Messages>(
  catalogue: Catalogue<E>,
  lang: Locale = locale(),
): Translation<E> {
  return lang === 'de' ? catalogue.de : (catalogue.en as Translation<E>);
}

/** Hook form of messagesOf, for components. */
export const useMessages = <E extends Messages>(catalogue: Catalogue<E>): Translation<E> =>
  messagesOf(catalogue);

/** Picks the form for a count in the current language: plural(n, { one: '1 task', other: `${n} tasks` }). */
export function plural(count: number, forms: { one: string; other: string; zero?: string }): string {
  if (count === 0 && forms.zero !== undefined) return forms.zero;
  return new Intl.PluralRules(intlLocale()).select(count) === 'one' ? forms.one : forms.other;
}

/** A whole number in the current language's digits (1.234 in German). */
export const formatCount = (value: number): string => new Intl.NumberFormat(intlLocale()).format(value);
