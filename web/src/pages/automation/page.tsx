// /automation: how much of the work the AI finishes without review, week by week, and which fields experts
// correct most, across a company's engagements (an admin's: everyone's).
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { PageHead } from '../../ui/page';
import { automationTexts } from './messages';
import { AutomationPanel } from './panel';

export function AutomationPage() {
  const m = useMessages(automationTexts);
  const report = useResource(() => ok(api.GET('/v1/automation')), []);
  return (
    <section class="page">
      <PageHead title={m.title} />
      <AutomationPanel report={report} title={m.allEngagements} />
    </section>
  );
}
