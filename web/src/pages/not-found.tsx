import { Empty } from '../ui/feedback';

export function NotFound() {
  return (
    <section class="page">
      <Empty title="Nothing here">
        <p>
          This page does not exist, or you cannot see it. <a href="/">Back to the start</a>
        </p>
      </Empty>
    </section>
  );
}
