// /home for an expert: the tasks waiting for their review, what they earned, the next payout run and what it
// will transfer, the companies waiting for an answer, and what happened lately on their engagements.
import { formatCount, useMessages } from '../../i18n/define';
import { formatDate, formatMoney } from '../../ui/format';
import { homeMessages } from './messages';
import { FigureCard, HomePage, MoneyLines, RecentActivity } from './parts';

export function ExpertHomePage() {
  const m = useMessages(homeMessages);
  return (
    <HomePage of="expert">
      {(data) => (
        <>
          <div class="home-figures">
            <FigureCard
              id="home-review-queue"
              title={m.toReview}
              figure={formatCount(data.review_queue)}
              tone={data.review_queue > 0 ? 'warn' : undefined}
              link={{ href: '/reviews', text: m.startReviewing }}
            >
              <p>{m.toReviewHint(data.review_queue)}</p>
            </FigureCard>
            <FigureCard
              id="home-earnings"
              title={m.earnings}
              figure={
                <MoneyLines
                  amounts={data.earnings.map((e) => ({ currency: e.currency, amount: e.paid_this_month }))}
                />
              }
            >
              {data.earnings.length === 0 ? (
                <p>{m.noEarnings}</p>
              ) : (
                <dl>
                  <dt>{m.owed}</dt>
                  <dd data-testid="home-owed">
                    {data.earnings.map((e) => (
                      <div key={e.currency}>{formatMoney(e.pending, e.currency)}</div>
                    ))}
                  </dd>
                </dl>
              )}
            </FigureCard>
            <FigureCard
              id="home-next-payout"
              title={m.nextPayout}
              figure={<MoneyLines amounts={data.next_payout.amounts} />}
              tone={data.next_payout.payouts_enabled ? undefined : 'warn'}
              link={{ href: '/payouts', text: m.payoutHistory }}
            >
              <p>{m.nextRun(formatDate(data.next_payout.at))}</p>
              {data.next_payout.amounts.length === 0 && <p>{m.nothingPrepared}</p>}
              {!data.next_payout.payouts_enabled && <p>{m.notConnected}</p>}
            </FigureCard>
            <FigureCard
              id="home-requests"
              title={m.requests}
              figure={formatCount(data.requests.waiting)}
              tone={data.requests.waiting > 0 ? 'warn' : undefined}
              link={data.requests.waiting > 0 ? { href: '/engagements', text: m.answerRequests } : undefined}
            >
              <p>{m.requestsHint(data.requests.waiting)}</p>
              {data.requests.latest.length > 0 && (
                <ul>
                  {data.requests.latest.map((r) => (
                    <li key={r.id}>
                      <strong>{r.title}</strong> — {m.requestFrom(r.company, formatDate(r.requested_at))}
                    </li>
                  ))}
                </ul>
              )}
            </FigureCard>
          </div>
          <RecentActivity items={data.recent_activity} />
        </>
      )}
    </HomePage>
  );
}
