// Page scaffolding: a heading row with actions, and a "load more" footer for cursor lists.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

export function PageHead({ title, children }: { title: string; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · Engage`;
  }, [title]);
  return (
    <div class="page-head">
      <h1>{title}</h1>
      {children && <div class="row">{children}</div>}
    </div>
  );
}

export function MoreButton({
  hasMore,
  loading,
  onMore,
}: {
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  if (!hasMore) return null;
  return (
    <p>
      <button type="button" onClick={onMore} disabled={loading}>
        {loading ? 'Loading…' : 'Load more'}
      </button>
    </p>
  );
}
