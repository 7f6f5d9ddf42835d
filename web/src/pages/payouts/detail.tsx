import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function PayoutPage() {
  return (
    <section class="page">
      <PageHead title="Payout" />
      <Empty title="Not built yet" />
    </section>
  );
}
