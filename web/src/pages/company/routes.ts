import type { PageRoute } from '../../routes';
import { ApiKeysPage } from '../api-keys/page';
import { AutomationPage } from '../automation/page';
import { CreditsPage } from '../credits/page';
import { DocumentsPage } from '../documents/list';
import { EngagementPage } from '../engagements/detail';
import { EngagementsPage } from '../engagements/list';
import { NewEngagementPage } from '../engagements/new';
import { ExtractionBatchPage } from '../extraction-batches/detail';
import { ExtractionBatchesPage } from '../extraction-batches/list';
import { ExtractionPage } from '../extractions/detail';
import { ExtractionsPage } from '../extractions/list';
import { CompanyHomePage } from '../home/company';
import { UsagePage } from '../metrics/usage';
import { PaymentsPage } from '../payments/list';
import { WebhooksPage } from '../webhooks/page';

export const companyRoutes: PageRoute[] = [
  { path: '/home', component: CompanyHomePage, label: 'home' },
  { path: '/engagements', component: EngagementsPage, label: 'engagements' },
  { path: '/engagements/new', component: NewEngagementPage },
  { path: '/engagements/:id', component: EngagementPage },
  { path: '/automation', component: AutomationPage, label: 'automation' },
  { path: '/extractions', component: ExtractionsPage, label: 'extractions' },
  { path: '/extractions/:id', component: ExtractionPage },
  { path: '/extraction-batches', component: ExtractionBatchesPage, label: 'batches' },
  { path: '/extraction-batches/:id', component: ExtractionBatchPage },
  { path: '/payments', component: PaymentsPage, label: 'payments' },
  { path: '/usage', component: UsagePage, label: 'usage' },
  { path: '/credits', component: CreditsPage, label: 'credits' },
  { path: '/documents', component: DocumentsPage, label: 'documents' },
  { path: '/webhooks', component: WebhooksPage, label: 'webhooks' },
  { path: '/api-keys', component: ApiKeysPage, label: 'apiKeys' },
];
