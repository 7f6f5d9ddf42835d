import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function ExtractionPage() {
  return (
    <section class="page">
      <PageHead title="Extraction" />
      <Empty title="Not built yet" />
    </section>
  );
}
