// Light, dark or the system's choice: stored like the language, applied as <html data-theme>, which the
// stylesheet's custom properties follow (styles.css). "system" leaves the attribute off, so
// prefers-color-scheme decides.
export type Theme = 'system' | 'light' | 'dark';
const KEY = 'engage.theme';

export function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(theme: Theme) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  try {
    if (theme === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  } catch {
    // private mode: lasts for this page
  }
}
