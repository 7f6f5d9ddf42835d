import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function QueuesPage() {
  return (
    <section class="page">
      <PageHead title="Queues and dead letters" />
      <Empty title="Not built yet" />
    </section>
  );
}
