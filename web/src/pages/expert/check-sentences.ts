// What each check of the AI result means, in words a bookkeeper reads without knowing the engine: shown
// for the checks that failed, with the check's own detail after it. Unknown names still read as words.
import { messagesOf } from '../../i18n/define';
import type { Locale } from '../../i18n/locale';
import { checkSentences, expertMessages } from './messages';

/** A plain sentence for a check in the dashboard's language; an unknown EN 16931 rule or new check too. */
export function checkSentence(name: string, lang?: Locale): string {
  const sentences = messagesOf(checkSentences, lang) as Record<string, string>;
  if (Object.hasOwn(sentences, name)) return sentences[name] as string;
  const m = messagesOf(expertMessages, lang);
  const words = name.replace(/^en16931_/, '').replaceAll('_', ' ');
  return name.startsWith('en16931_') ? m.unknownRule(words) : m.unknownCheck(words);
}
