// The notification centre of the header: a bell with the unread count that opens the user's notifications
// (each links to its page and is read when opened; all can be marked read at once), and the review-queue
// count beside its navigation link. Both follow the user's own room (GET /v1/notifications/room): no polling.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok } from '../api/client';
import { type ApiProblem, asProblem } from '../api/problem';
import { common } from '../i18n/common';
import { useMessages } from '../i18n/define';
import { type UserRoomEvent, useRoomAt } from '../live/room';
import type { Role } from '../session';
import { ProblemBanner } from '../ui/feedback';
import { formatDate } from '../ui/format';
import {
  type BrowserNotifications,
  browserNotifications,
  disableBrowserNotifications,
  enableBrowserNotifications,
  showBrowserNotification,
} from './browser-notifications';
import { refreshCounts, resetCounts, setCounts, useCounts } from './notification-counts';
import { describe, type NotificationItem } from './notification-text';
import { notificationMessages } from './notifications-messages';
import './notifications.css';

const PAGE = 20;

export function NotificationBell() {
  const m = useMessages(notificationMessages);
  const { unread } = useCounts();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationItem[]>();
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem>();
  const box = useRef<HTMLDivElement>(null);
  const bell = useRef<HTMLButtonElement>(null);

  // Only the newest load lands, and none that began before a mark-read (it would show them unread again).
  const generation = useRef(0);
  const load = useCallback(async (cursor?: string) => {
    const mine = ++generation.current;
    try {
      const page = await ok(api.GET('/v1/notifications', { params: { query: { limit: PAGE, cursor } } }));
      if (mine !== generation.current) return;
      setItems((current) => (cursor ? [...(current ?? []), ...page.data] : page.data));
      setNext(page.next_cursor);
      setCounts({ unread: page.unread_count });
      setProblem(undefined);
    } catch (caught) {
      setProblem(asProblem(caught));
    }
  }, []);

  const markRead = useCallback(async (ids: string[] | 'all') => {
    generation.current++;
    const at = new Date().toISOString();
    setItems((current) =>
      current?.map((n) => (n.read_at || (ids !== 'all' && !ids.includes(n.id)) ? n : { ...n, read_at: at })),
    );
    try {
      const body = ids === 'all' ? { all: true as const } : { ids };
      const result = await ok(api.POST('/v1/notifications/read', { body }));
      setCounts({ unread: result.unread_count });
    } catch (caught) {
      setProblem(asProblem(caught));
    }
  }, []);

  const onEvent = useCallback(
    (event: UserRoomEvent) => {
      if (event.type === 'notification.created') {
        const item: NotificationItem = event.data;
        setItems((current) =>
          current && !current.some((n) => n.id === item.id) ? [item, ...current] : current,
        );
        showBrowserNotification(describe(m, item).text, item.id, () => {
          location.route(item.link);
          void markRead([item.id]);
        });
      }
      // A notification made or read (in another tab too), a task in or out of review: read the counts again.
      if (event.type !== 'presence.joined' && event.type !== 'presence.left') void refreshCounts();
    },
    [m, location, markRead],
  );
  const onSynced = useCallback(() => {
    void refreshCounts();
    if (items) void load();
  }, [items, load]);
  useRoomAt<UserRoomEvent>('/v1/notifications/room', onEvent, onSynced);
  useEffect(() => resetCounts, []);

  // Opening the panel reads the newest; a page opened, Escape or a click elsewhere closes it.
  useEffect(() => {
    if (open) void load();
  }, [open, load]);
  useEffect(() => setOpen(false), [location.url]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      bell.current?.focus();
    };
    const onPointer = (event: PointerEvent) =>
      box.current && !box.current.contains(event.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div class="notify" ref={box}>
      <button
        type="button"
        ref={bell}
        class="notify-bell"
        aria-label={m.bell(unread)}
        aria-expanded={open}
        aria-controls="notify-panel"
        data-unread={unread}
        onClick={() => setOpen(!open)}
      >
        <BellIcon />
        {unread > 0 && (
          <span class="notify-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <section id="notify-panel" class="notify-panel" aria-label={m.title}>
          <div class="notify-head">
            <h2>{m.title}</h2>
            <button
              type="button"
              class="link"
              disabled={unread === 0 && !items?.some((n) => !n.read_at)}
              onClick={() => void markRead('all')}
            >
              {m.markAllRead}
            </button>
          </div>
          <ProblemBanner problem={problem} onRetry={() => void load()} />
          {items && items.length === 0 && <p class="muted notify-empty">{m.empty}</p>}
          {items && items.length > 0 && (
            <ul class="notify-list">
              {items.map((item) => (
                <NotificationRow key={item.id} item={item} onOpen={() => void markRead([item.id])} />
              ))}
            </ul>
          )}
          {next && <LoadMore onClick={() => void load(next)} />}
          <BrowserSwitch />
        </section>
      )}
    </div>
  );
}

function NotificationRow({ item, onOpen }: { item: NotificationItem; onOpen: () => void }) {
  const m = useMessages(notificationMessages);
  const { text, detail, extra } = describe(m, item);
  return (
    <li class={item.read_at ? 'notify-item' : 'notify-item notify-unread'} data-testid="notification">
      <a href={item.link} onClick={onOpen}>
        {!item.read_at && <span class="visually-hidden">{m.unread}: </span>}
        <span class="notify-text">{text}</span>
        <span class="notify-meta">
          {detail && <span>{detail}</span>}
          {extra && <span class="notify-extra">{extra}</span>}
          <time dateTime={item.created_at}>{formatDate(item.created_at)}</time>
        </span>
      </a>
    </li>
  );
}

function LoadMore({ onClick }: { onClick: () => void }) {
  const m = useMessages(common);
  return (
    <button type="button" class="link notify-more" onClick={onClick}>
      {m.loadMore}
    </button>
  );
}

/** The opt-in for system notifications: never asked for until pressed. */
function BrowserSwitch() {
  const m = useMessages(notificationMessages);
  const [state, setState] = useState<BrowserNotifications>(browserNotifications);
  if (state === 'unsupported') return null;
  if (state === 'blocked') return <p class="hint notify-browser">{m.browserBlocked}</p>;
  return (
    <button
      type="button"
      class="link notify-browser"
      onClick={async () =>
        setState(state === 'on' ? disableBrowserNotifications() : await enableBrowserNotifications())
      }
    >
      {state === 'on' ? m.browserOff : m.browserOn}
    </button>
  );
}

/** The review-queue count on its navigation link: an expert's to review; a company's tasks awaiting review. */
export function NavCount({ path, role }: { path: string; role: Role }) {
  const m = useMessages(notificationMessages);
  const { reviewQueue } = useCounts();
  const shown = (role === 'expert' && path === '/reviews') || (role === 'company' && path === '/engagements');
  if (!shown || reviewQueue === 0) return null;
  return (
    <span class={`nav-count nav-count-${role}`} data-testid="review-count">
      <span aria-hidden="true">{reviewQueue > 99 ? '99+' : reviewQueue}</span>
      <span class="visually-hidden">, {m.reviewWaiting(reviewQueue)}</span>
    </span>
  );
}

function BellIcon() {
  return (
    <svg class="notify-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15a2.5 2.5 0 0 0 5 0"
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linejoin="round"
      />
    </svg>
  );
}
