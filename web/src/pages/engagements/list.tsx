import { Empty } from '../../ui/feedback';
import { PageHead } from '../../ui/page';

export function EngagementsPage() {
  return (
    <section class="page">
      <PageHead title="Engagements" />
      <Empty title="Not built yet" />
    </section>
  );
}
