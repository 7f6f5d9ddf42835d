import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function BreakersPage() {
  return (
    <section class="page">
      <PageHead title="Circuit breakers" />
      <Empty title="Not built yet" />
    </section>
  );
}
