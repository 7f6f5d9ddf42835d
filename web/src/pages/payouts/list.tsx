import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function PayoutsPage() {
  return (
    <section class="page">
      <PageHead title="Payouts" />
      <Empty title="Not built yet" />
    </section>
  );
}
