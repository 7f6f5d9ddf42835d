// The language and theme switches of the header (and of the phone menu): plain selects, labelled, so they
// work with a keyboard, a screen reader and a thumb alike.
import { useState } from 'preact/hooks';
import { common } from '../i18n/common';
import { useMessages } from '../i18n/define';
import { type Locale, locale, setLocale } from '../i18n/locale';
import { applyTheme, storedTheme, type Theme } from '../ui/theme';

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch' };

export function Preferences({ idPrefix }: { idPrefix: string }) {
  const m = useMessages(common);
  const [theme, setTheme] = useState<Theme>(storedTheme);
  return (
    <div class="preferences">
      <label for={`${idPrefix}-language`} class="visually-hidden">
        {m.language}
      </label>
      <select
        id={`${idPrefix}-language`}
        value={locale()}
        onChange={(event) => setLocale(event.currentTarget.value as Locale)}
      >
        {(Object.keys(LANGUAGE_NAMES) as Locale[]).map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
      <label for={`${idPrefix}-theme`} class="visually-hidden">
        {m.theme}
      </label>
      <select
        id={`${idPrefix}-theme`}
        value={theme}
        onChange={(event) => {
          const next = event.currentTarget.value as Theme;
          applyTheme(next);
          setTheme(next);
        }}
      >
        <option value="system">
          {m.theme}: {m.themeSystem}
        </option>
        <option value="light">
          {m.theme}: {m.themeLight}
        </option>
        <option value="dark">
          {m.theme}: {m.themeDark}
        </option>
      </select>
    </div>
  );
}
