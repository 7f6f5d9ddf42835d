import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function EmailPage() {
  return (
    <section class="page">
      <PageHead title="Email" />
      <Empty title="Not built yet" />
    </section>
  );
}
