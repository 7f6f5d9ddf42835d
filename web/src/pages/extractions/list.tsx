import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function ExtractionsPage() {
  return (
    <section class="page">
      <PageHead title="Extractions" />
      <Empty title="Not built yet" />
    </section>
  );
}
