import { common } from '../i18n/common';
import { useMessages } from '../i18n/define';
import { Empty } from '../ui/feedback';

export function NotFound() {
  const m = useMessages(common);
  return (
    <section class="page">
      <Empty title={m.notFoundTitle}>
        <p>
          {m.notFoundBody} <a href="/">{m.goHome}</a>
        </p>
      </Empty>
    </section>
  );
}
