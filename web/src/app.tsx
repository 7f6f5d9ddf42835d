// The shell: sign-in for visitors, and for a signed-in user the navigation and pages of their role.

import { useEffect } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { adminRoutes } from './pages/admin/routes';
import { LoginPage } from './pages/auth/login';
import { SignupPage } from './pages/auth/signup';
import { companyRoutes } from './pages/company/routes';
import { expertRoutes } from './pages/expert/routes';
import { NotFound } from './pages/not-found';
import type { RoleRoutes } from './routes';
import { session, type User, useSession } from './session';

const ROUTES: RoleRoutes = { company: companyRoutes, expert: expertRoutes, admin: adminRoutes };

export function App() {
  return (
    <LocationProvider>
      <ErrorBoundary>
        <Shell />
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
      </main>
    );
  }

  const routes = ROUTES[user.role];
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href={home(user)}>
          Engage
        </a>
        <nav aria-label="Main">
          {routes
            .filter((r) => r.label)
            .map((r) => (
              <a
                key={r.path}
                href={r.path}
                aria-current={isCurrent(location.path, r.path) ? 'page' : undefined}
              >
                {r.label}
              </a>
            ))}
        </nav>
        <div class="whoami">
          <span title={user.email}>
            {user.name} <span class="role">{user.role}</span>
          </span>
          <button type="button" class="link" onClick={() => session.signOut()}>
            Sign out
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
