import type { PageRoute } from '../../routes';

export const adminRoutes: PageRoute[] = [];
