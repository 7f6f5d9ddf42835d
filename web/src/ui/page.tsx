// Page scaffolding: a heading row with actions, and a "load more" footer for cursor lists.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { common } from '../i18n/common';
import { useMessages } from '../i18n/define';
import type { List } from '../live/use-list';

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
  const m = useMessages(common);
  if (!hasMore) return null;
  return (
    <p>
      <button type="button" onClick={onMore} disabled={loading}>
        {loading ? m.loading : m.loadMore}
      </button>
    </p>
  );
}

/** "Load more" for a cursor list; hidden while the list shows an error (its banner offers the retry). */
export function ListMore({ list }: { list: Pick<List<never>, 'hasMore' | 'loading' | 'error' | 'more'> }) {
  return (
    <MoreButton
      hasMore={list.hasMore && !list.error}
      loading={list.loading}
      onMore={() => void list.more()}
    />
  );
}
