// The pieces every home page is made of: a card with one figure and a link into its list, money per currency,
// a chart of the last days (with its table), and the recent activity of the caller's engagements.
import type { ComponentChildren } from 'preact';
import { api, ok, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { MetricChart } from '../../ui/chart';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, formatMoney } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { sentence } from '../engagements/activity';
import { activityWords } from '../engagements/messages';
import { homeMessages } from './messages';
import '../metrics/metrics.css';
import './home.css';

export type Home = Schemas['Home'];

/** GET /v1/home, narrowed to the role the page is for (the shell only routes a user to their own role's). */
export function useHome<R extends Home['role']>(role: R) {
  const home = useResource(() => ok(api.GET('/v1/home')), []);
  const data = home.data?.role === role ? (home.data as Extract<Home, { role: R }>) : undefined;
  return { ...home, data };
}

/** The frame of every home page: its heading, the problem with a retry, loading, then the role's figures. */
export function HomePage<R extends Home['role']>(props: {
  of: R;
  children: (data: Extract<Home, { role: R }>) => ComponentChildren;
}) {
  const m = useMessages(homeMessages);
  const home = useHome(props.of);
  return (
    <section class="page">
      <PageHead title={m.title} />
      <ProblemBanner problem={home.error} onRetry={() => void home.reload()} />
      {home.data ? props.children(home.data) : home.loading && <Loading />}
    </section>
  );
}

export function FigureCard({
  id,
  title,
  figure,
  tone,
  link,
  children,
}: {
  id: string;
  title: string;
  figure: ComponentChildren;
  tone?: 'warn' | 'bad';
  link?: { href: string; text: string };
  children?: ComponentChildren;
}) {
  return (
    <section class={`card home-card${tone ? ` home-card-${tone}` : ''}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div class="home-figure" data-testid={id}>
        {figure}
      </div>
      {children && <div class="home-detail">{children}</div>}
      {link && (
        <a class="home-link" href={link.href}>
          {link.text}
        </a>
      )}
    </section>
  );
}

/** Amounts per currency, one a line; a dash when there is none. */
export function MoneyLines({ amounts }: { amounts: { currency: string; amount: number }[] }) {
  if (amounts.length === 0) return <>{formatMoney(0, 'eur')}</>;
  return (
    <>
      {amounts.map((m) => (
        <span key={m.currency} class="home-money" data-currency={m.currency}>
          {formatMoney(m.amount, m.currency)}
        </span>
      ))}
    </>
  );
}

/** Figures per day as the shared metric chart (a line, its last value and peak, and a table). */
export function DayChart({
  title,
  days,
  format,
}: {
  title: string;
  days: { day: string; value: number }[];
  format: (value: number) => string;
}) {
  return (
    <div class="home-chart" data-testid="home-chart">
      <MetricChart title={title} points={days.map((d) => [`${d.day}T00:00:00Z`, d.value])} format={format} />
    </div>
  );
}

type Activity = Schemas['HomeActivity'];

export function RecentActivity({ items }: { items: Activity[] }) {
  const m = useMessages(homeMessages);
  const words = useMessages(activityWords);
  return (
    <section class="card home-activity" aria-labelledby="home-activity-title">
      <h2 id="home-activity-title">{m.activity}</h2>
      {items.length === 0 ? (
        <Empty title={m.activityEmpty} />
      ) : (
        <ol class="timeline" data-testid="home-activity">
          {items.map((a) => (
            <li key={a.id} data-type={a.type}>
              <time dateTime={a.at}>{formatDate(a.at)}</time>
              <span>
                {sentence(a, words)}
                <span class="muted">
                  {' · '}
                  {a.actor?.name ?? m.byPlatform}
                  {' · '}
                  <a href={`/engagements/${a.engagement_id}`}>{a.engagement_title}</a>
                </span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
