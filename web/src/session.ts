// The signed-in session: the API's 1-hour JWT and its user, kept in localStorage so every tab shares it.
// Components read it through useSession() and re-render when it changes (sign-in, sign-out, expiry).
import { useEffect, useState } from 'preact/hooks';
import type { components } from './api/schema';

export type User = components['schemas']['User'];
export type Role = User['role'];

interface Stored {
  token: string;
  user: User;
  expiresAt: number;
}

const KEY = 'engage.session';
const listeners = new Set<() => void>();

function read(): Stored | null {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Stored | null;
    return stored && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

function write(value: Stored | null, reason?: string) {
  if (value) localStorage.setItem(KEY, JSON.stringify(value));
  else localStorage.removeItem(KEY);
  expiredReason = reason ?? null;
  for (const listener of listeners) listener();
}

let expiredReason: string | null = null;

export const session = {
  token: () => read()?.token ?? null,
  user: () => read()?.user ?? null,
  signIn(token: string, user: User, expiresInSeconds: number) {
    write({ token, user, expiresAt: Date.now() + expiresInSeconds * 1000 });
  },
  signOut() {
    write(null);
  },
  /** The signed-in user changed (e.g. their language): keep the token, replace the user. */
  updateUser(user: User) {
    const stored = read();
    if (stored && stored.user.id === user.id) write({ ...stored, user });
  },
  /** The API refused the token (expired or revoked): sign out and say why on the sign-in page. */
  expire() {
    if (read()) write(null, 'Your session has expired. Please sign in again.');
  },
  /** Why the last session ended, if not by the user's own sign-out. */
  expiredReason: () => expiredReason,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Another tab signed in or out.
globalThis.addEventListener?.('storage', (event) => {
  if (event.key === KEY) for (const listener of listeners) listener();
});

export function useSession(): User | null {
  const [user, setUser] = useState(session.user);
  useEffect(() => session.subscribe(() => setUser(session.user())), []);
  return user;
}
