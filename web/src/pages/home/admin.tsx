// /home for an operator: the month's volume and the fees on it, platform automation, the queues' health, open
// alerts and money collected per day — each leading to the view where it is handled.
import { formatCount, useMessages } from '../../i18n/define';
import { StatusBadge } from '../../ui/badges';
import { formatMoney, formatNumber, formatShare } from '../../ui/format';
import { homeMessages } from './messages';
import { DayChart, FigureCard, type Home, HomePage, MoneyLines } from './parts';

export function AdminHomePage() {
  return <HomePage of="admin">{(data) => <Figures data={data} />}</HomePage>;
}

function Figures({ data }: { data: Extract<Home, { role: 'admin' }> }) {
  const m = useMessages(homeMessages);
  const dead = data.queues.reduce((n, q) => n + q.dead_letters, 0);
  const waiting = data.queues.reduce((n, q) => n + (q.backlog ?? 0), 0);
  // Only the queues that need a look; the queue view lists them all.
  const busy = data.queues.filter((q) => (q.backlog ?? 0) > 0 || q.dead_letters > 0);
  // The chart follows the currency most money came in this month (euro when none did).
  const currency = data.volume_this_month[0]?.currency ?? 'eur';
  const payments = data.volume_this_month.reduce((n, v) => n + v.payments, 0);
  return (
    <>
      <div class="home-figures">
        <FigureCard
          id="home-volume"
          title={m.volume}
          figure={<MoneyLines amounts={data.volume_this_month} />}
          link={{ href: '/payments', text: m.volumeLink }}
        >
          <p>{m.paymentCount(payments)}</p>
        </FigureCard>
        <FigureCard id="home-fees" title={m.fees} figure={<MoneyLines amounts={data.fees_this_month} />}>
          <p>{m.feeRate(`${formatNumber(data.fee_bps / 100, 2)} %`)}</p>
        </FigureCard>
        <FigureCard
          id="home-automation"
          title={m.automationPlatform}
          figure={formatShare(data.automation.rate)}
          link={{ href: '/automation', text: m.automationLink }}
        >
          <p>{m.automationHint(data.automation.completed_unseen, data.automation.finished)}</p>
        </FigureCard>
        <FigureCard
          id="home-queues"
          title={m.queueHealth}
          figure={formatCount(dead)}
          tone={dead > 0 ? 'bad' : undefined}
          link={{ href: '/admin/queues', text: m.queuesLink }}
        >
          <p>{dead > 0 ? m.queuesDead(dead) : m.queuesHealthy}</p>
          <p>{m.waiting(waiting)}</p>
          {busy.length > 0 && (
            <ul>
              {busy.map((q) => (
                <li key={q.queue} data-queue={q.queue}>
                  <span class="home-queue">{q.queue}</span>: {m.queueLine(q.backlog ?? 0, q.dead_letters)}
                </li>
              ))}
            </ul>
          )}
        </FigureCard>
        <FigureCard
          id="home-alerts"
          title={m.openAlerts}
          figure={formatCount(data.alerts.open)}
          tone={data.alerts.open > 0 ? 'bad' : undefined}
          link={{ href: '/admin/overview', text: m.alertsLink }}
        >
          {data.alerts.latest.length === 0 ? (
            <p>{m.noAlerts}</p>
          ) : (
            <ul>
              {data.alerts.latest.map((a) => (
                <li key={a.id}>
                  <StatusBadge status={a.status} /> <strong>{a.rule}</strong> — {a.detail}
                </li>
              ))}
            </ul>
          )}
        </FigureCard>
      </div>
      <DayChart
        title={m.volumePerDay(currency.toUpperCase())}
        days={data.volume_per_day.map((d) => ({
          day: d.day,
          value: d.amounts.find((a) => a.currency === currency)?.amount ?? 0,
        }))}
        format={(v) => formatMoney(v, currency)}
      />
    </>
  );
}
