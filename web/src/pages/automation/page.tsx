// /automation: how much of the work the AI finishes without review, week by week, and which fields experts
// correct most, across a company's engagements (an admin's: everyone's).
import { api, ok } from '../../api/client';
import { useResource } from '../../live/use-resource';
import { PageHead } from '../../ui/page';
import { AutomationPanel } from './panel';

export function AutomationPage() {
  const report = useResource(() => ok(api.GET('/v1/automation')), []);
  return (
    <section class="page">
      <PageHead title="Automation" />
      <AutomationPanel report={report} title="All engagements" />
    </section>
  );
}
