import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function ReviewPage() {
  return (
    <section class="page">
      <PageHead title="Review" />
      <Empty title="Not built yet" />
    </section>
  );
}
