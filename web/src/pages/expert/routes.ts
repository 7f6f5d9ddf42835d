import type { PageRoute } from '../../routes';

export const expertRoutes: PageRoute[] = [];
