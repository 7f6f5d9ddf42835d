// The home of whoever asks: each role's figures come from its own function (company.ts, expert.ts, admin.ts).
import type { TenantScope } from '../../lib/tenancy';
import { adminHome } from './admin';
import { companyHome } from './company';
import { expertHome } from './expert';

export function homeFor(scope: TenantScope, env: Env, now = new Date()) {
  switch (scope.principal.role) {
    case 'company':
      return companyHome(scope, env, now);
    case 'expert':
      return expertHome(scope, now);
    case 'admin':
      return adminHome(scope, env, now);
  }
}
