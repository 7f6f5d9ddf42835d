import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function PaymentsPage() {
  return (
    <section class="page">
      <PageHead title="Payments" />
      <Empty title="Not built yet" />
    </section>
  );
}
