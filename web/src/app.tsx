// The shell: sign-in for visitors, and for a signed-in user the navigation and pages of their role.

import { useEffect, useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { common, nav } from './i18n/common';
import { useMessages } from './i18n/define';
import { locale, onLocaleChange } from './i18n/locale';
import { syncLocale } from './i18n/sync';
import { adminRoutes } from './pages/admin/routes';
import { LoginPage } from './pages/auth/login';
import { SignupPage } from './pages/auth/signup';
import { companyRoutes } from './pages/company/routes';
import { expertRoutes } from './pages/expert/routes';
import { NotFound } from './pages/not-found';
import type { RoleRoutes } from './routes';
import { session, type User, useSession } from './session';
import { NavCount, NotificationBell } from './shell/notifications';
import { Preferences } from './shell/preferences';

const ROUTES: RoleRoutes = { company: companyRoutes, expert: expertRoutes, admin: adminRoutes };

export function App() {
  // A language switch re-renders everything below with the new texts and number formats (see i18n/locale.ts).
  const [lang, setLang] = useState(locale);
  useEffect(() => onLocaleChange(() => setLang(locale())), []);
  return (
    <LocationProvider>
      <ErrorBoundary>
        <Shell key={lang} />
      </ErrorBoundary>
    </LocationProvider>
  );
}

function Shell() {
  const user = useSession();
  const location = useLocation();

  // Visitors see sign-in (and come back to where they were going); signed-in users never see it.
  useEffect(() => {
    const publicPage = location.path === '/login' || location.path === '/signup';
    if (!user && !publicPage) {
      const next = location.url === '/' ? '' : `?next=${encodeURIComponent(location.url)}`;
      location.route(`/login${next}`, true);
    } else if (user && publicPage) {
      location.route(safeNext(location.query.next) ?? home(user), true);
    } else if (user && location.path === '/') {
      location.route(home(user), true);
    }
  }, [user, location.url]);

  if (!user) {
    return (
      <main class="auth" id="main">
        <Router>
          <Route path="/signup" component={SignupPage} />
          <Route default component={LoginPage} />
        </Router>
        <Preferences idPrefix="auth" />
      </main>
    );
  }

  return <SignedIn user={user} />;
}

function SignedIn({ user }: { user: User }) {
  const location = useLocation();
  const m = useMessages(common);
  const labels = useMessages(nav);
  useEffect(() => syncLocale(user), [user.id]);
  // On a phone the navigation sits behind a menu button; opening a page closes it again.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.path]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setMenuOpen(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  const routes = ROUTES[user.role];
  return (
    <>
      <a class="skip" href="#main">
        {m.skip}
      </a>
      <header class={`topbar${menuOpen ? ' menu-open' : ''}`}>
        <a class="brand" href={home(user)}>
          Engage
        </a>
        <button
          type="button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span class="menu-icon" aria-hidden="true" />
          {menuOpen ? m.closeMenu : m.menu}
        </button>
        <nav aria-label={m.mainNav} id="main-nav">
          {routes
            .filter((r) => r.label)
            .map((r) => (
              <a
                key={r.path}
                href={r.path}
                aria-current={isCurrent(location.path, r.path) ? 'page' : undefined}
                // Closes the phone menu, also when the link is the page already open.
                onClick={() => setMenuOpen(false)}
              >
                {r.label && labels[r.label]}
                <NavCount path={r.path} role={user.role} />
              </a>
            ))}
        </nav>
        {/* Outside the account area, which a phone hides behind the menu: the bell stays in the bar. */}
        <NotificationBell />
        <div class="whoami">
          <Preferences idPrefix="header" />
          <span title={user.email}>
            {user.name} <span class="role">{m.roles(user.role)}</span>
          </span>
          <button type="button" class="link" onClick={() => session.signOut()}>
            {m.signOut}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Router onRouteChange={() => document.getElementById('main')?.focus({ preventScroll: true })}>
          {[
            ...routes.map((r) => <Route key={r.path} path={r.path} component={r.component} />),
            <Route key="404" default component={NotFound} />,
          ]}
        </Router>
      </main>
    </>
  );
}

function home(user: User): string {
  return ROUTES[user.role].find((r) => r.label)?.path ?? '/';
}

const isCurrent = (path: string, route: string) => path === route || path.startsWith(`${route}/`);

/** Only same-origin paths, so a crafted ?next= cannot send someone elsewhere after signing in. */
function safeNext(next: string | undefined): string | undefined {
  return next?.startsWith('/') && !next.startsWith('//') ? next : undefined;
}
