import type { PageRoute } from '../../routes';
import { AutomationPage } from '../automation/page';
import { EngagementPage } from '../engagements/detail';
import { EngagementsPage } from '../engagements/list';
import { AdminHomePage } from '../home/admin';
import { OverviewPage } from '../metrics/overview';
import { PaymentsPage } from '../payments/list';
import { PayoutPage } from '../payouts/detail';
import { PayoutsPage } from '../payouts/list';
import { WebhooksPage } from '../webhooks/page';
import { AuditLogPage } from './audit-log';
import { BreakersPage } from './breakers';
import { EmailPage } from './email';
import { EmailsPage } from './emails';
import { PayoutRunsPage } from './payout-runs';
import { QueuesPage } from './queues';
import { UsersPage } from './users';

export const adminRoutes: PageRoute[] = [
  { path: '/home', component: AdminHomePage, label: 'home' },
  { path: '/admin/overview', component: OverviewPage, label: 'overview' },
  { path: '/admin/queues', component: QueuesPage, label: 'queues' },
  { path: '/admin/breakers', component: BreakersPage, label: 'breakers' },
  { path: '/admin/emails', component: EmailsPage, label: 'emails' },
  { path: '/admin/emails/:id', component: EmailPage },
  { path: '/admin/payouts', component: PayoutRunsPage, label: 'payoutRuns' },
  { path: '/admin/users', component: UsersPage, label: 'users' },
  { path: '/admin/audit-log', component: AuditLogPage, label: 'auditLog' },
  { path: '/payouts', component: PayoutsPage, label: 'payouts' },
  { path: '/payouts/:id', component: PayoutPage },
  { path: '/engagements', component: EngagementsPage, label: 'engagements' },
  { path: '/engagements/:id', component: EngagementPage },
  { path: '/payments', component: PaymentsPage, label: 'payments' },
  { path: '/automation', component: AutomationPage, label: 'automation' },
  { path: '/webhooks', component: WebhooksPage, label: 'webhooks' },
];
