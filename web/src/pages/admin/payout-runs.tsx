import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function PayoutRunsPage() {
  return (
    <section class="page">
      <PageHead title="Payout runs" />
      <Empty title="Not built yet" />
    </section>
  );
}
