import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function EngagementPage() {
  return (
    <section class="page">
      <PageHead title="Engagement" />
      <Empty title="Not built yet" />
    </section>
  );
}
