// Optional system notifications: the browser is asked for permission only when the user presses the button
// for it, and the choice is remembered per browser. Shown only while the dashboard's tab is in the background
// (in front, the bell says it); each notification's tag keeps several open tabs from showing it twice.
import { locale } from '../i18n/locale';

const KEY = 'engage.browser-notifications';

export type BrowserNotifications = 'unsupported' | 'blocked' | 'off' | 'on';

export function browserNotifications(): BrowserNotifications {
  if (!('Notification' in globalThis)) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  return Notification.permission === 'granted' && remembered() ? 'on' : 'off';
}

export async function enableBrowserNotifications(): Promise<BrowserNotifications> {
  if (browserNotifications() === 'unsupported') return 'unsupported';
  if ((await Notification.requestPermission()) === 'granted') remember(true);
  return browserNotifications();
}

export function disableBrowserNotifications(): BrowserNotifications {
  remember(false);
  return browserNotifications();
}

export function showBrowserNotification(text: string, tag: string, onClick: () => void) {
  if (browserNotifications() !== 'on' || document.visibilityState === 'visible') return;
  const shown = new Notification(text, { tag, lang: locale() });
  shown.onclick = () => {
    window.focus();
    onClick();
    shown.close();
  };
}

function remembered(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

function remember(on: boolean) {
  try {
    if (on) localStorage.setItem(KEY, 'on');
    else localStorage.removeItem(KEY);
  } catch {
    // private mode: asked again next time
  }
}
