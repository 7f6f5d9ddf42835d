import { lazy } from 'preact-iso';
import type { PageRoute } from '../../routes';
import { DocumentsPage } from '../documents/list';
import { EngagementPage } from '../engagements/detail';
import { EngagementsPage } from '../engagements/list';
import { ExpertHomePage } from '../home/expert';
import { PaymentsPage } from '../payments/list';
import { PayoutPage } from '../payouts/detail';
import { PayoutsPage } from '../payouts/list';
import { ReviewQueuePage } from './reviews';

// Its own chunk: the invoice form and document viewer are downloaded only by someone opening a review.
const ReviewPage = lazy(() => import('./review').then((page) => page.ReviewPage));

export const expertRoutes: PageRoute[] = [
  { path: '/home', component: ExpertHomePage, label: 'home' },
  { path: '/engagements', component: EngagementsPage, label: 'engagements' },
  { path: '/engagements/:id', component: EngagementPage },
  { path: '/reviews', component: ReviewQueuePage, label: 'reviews' },
  { path: '/reviews/:id', component: ReviewPage },
  { path: '/payouts', component: PayoutsPage, label: 'payouts' },
  { path: '/payouts/:id', component: PayoutPage },
  { path: '/payments', component: PaymentsPage, label: 'payments' },
  { path: '/documents', component: DocumentsPage, label: 'documents' },
];
