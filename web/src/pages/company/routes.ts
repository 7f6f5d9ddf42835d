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
import { UsagePage } from '../metrics/usage';
import { PaymentsPage } from '../payments/list';
import { WebhooksPage } from '../webhooks/page';

export const companyRoutes: PageRoute[] = [
  { path: '/engagements', component: EngagementsPage, label: 'Engagements' },
  { path: '/engagements/new', component: NewEngagementPage },
  { path: '/engagements/:id', component: EngagementPage },
  { path: '/automation', component: AutomationPage, label: 'Automation' },
  { path: '/extractions', component: ExtractionsPage, label: 'Extractions' },
  { path: '/extractions/:id', component: ExtractionPage },
  { path: '/extraction-batches', component: ExtractionBatchesPage, label: 'Batches' },
  { path: '/extraction-batches/:id', component: ExtractionBatchPage },
  { path: '/payments', component: PaymentsPage, label: 'Payments' },
  { path: '/usage', component: UsagePage, label: 'Usage' },
  { path: '/credits', component: CreditsPage, label: 'Credits' },
  { path: '/documents', component: DocumentsPage, label: 'Documents' },
  { path: '/webhooks', component: WebhooksPage, label: 'Webhooks' },
  { path: '/api-keys', component: ApiKeysPage, label: 'API keys' },
];
