import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function ReviewQueuePage() {
  return (
    <section class="page">
      <PageHead title="Review queue" />
      <Empty title="Not built yet" />
    </section>
  );
}
