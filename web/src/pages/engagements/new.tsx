import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function NewEngagementPage() {
  return (
    <section class="page">
      <PageHead title="Request an expert" />
      <Empty title="Not built yet" />
    </section>
  );
}
