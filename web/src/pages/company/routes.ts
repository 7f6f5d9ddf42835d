import type { PageRoute } from '../../routes';

export const companyRoutes: PageRoute[] = [];
