// Whether a request names a route at all, judged before authentication: an unknown path answers 404 whether
// or not it carries credentials (a typo such as /v1/auth/sigup is not an authentication problem).
import type { Hono } from 'hono';

interface Known {
  method: string;
  pattern: RegExp;
}

/** Hono path syntax (`:id`, `:id{[0-9]+}`, `*`) to an anchored regular expression. */
function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      const param = /^:\w+(?:\{(.+)\})?(\?)?$/.exec(segment);
      if (param) return `(?:${param[1] ?? '[^/]+'})${param[2] ?? ''}`;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/** A matcher over the app's routes (middleware excluded), compiled once on first use. */
export function knownRoutes(app: Pick<Hono, 'routes'>): (method: string, path: string) => boolean {
  let known: Known[] | null = null;
  return (method, path) => {
    known ??= [
      ...new Map(
        app.routes
          .filter((route) => route.method !== 'ALL')
          .map((route) => [
            `${route.method} ${route.path}`,
            { method: route.method, pattern: patternOf(route.path) },
          ]),
      ).values(),
    ];
    const wanted = method === 'HEAD' ? 'GET' : method;
    return known.some((route) => route.method === wanted && route.pattern.test(path));
  };
}
