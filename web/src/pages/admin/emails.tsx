import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function EmailsPage() {
  return (
    <section class="page">
      <PageHead title="Emails" />
      <Empty title="Not built yet" />
    </section>
  );
}
