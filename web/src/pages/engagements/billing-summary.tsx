// The engagement's billing in a sentence: in advance since when, the current period and its payment, a
// missed collection, and (for the company or an admin) pausing and resuming.
import { api, ok, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { StatusBadge } from '../../ui/badges';
import { ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { formatDay } from '../../ui/format';
import { engagementPage } from './messages';

/** How the rate is billed: since when, the current period, and whether a collection failed. */
export function BillingSummary({
  billing,
  canPause,
  onChange,
}: {
  billing: Schemas['EngagementBilling'] | undefined;
  canPause: boolean;
  onChange: (billing: Schemas['EngagementBilling']) => void;
}) {
  const m = useMessages(engagementPage);
  const toggle = useAction(async () => {
    if (!billing) return;
    const params = { params: { path: { id: billing.engagement_id } } };
    onChange(
      await ok(
        billing.paused
          ? api.POST('/v1/engagements/{id}/billing/resume', params)
          : api.POST('/v1/engagements/{id}/billing/pause', params),
      ),
    );
  });
  if (!billing) return <>—</>;
  const current = billing.periods.at(-1);
  if (!billing.anchor || !current) return <>{m.billingUnknown}</>;
  return (
    <>
      {billing.paused ? (
        m.billingPaused
      ) : (
        <>
          {m.billingSince(billing.interval, formatDay(billing.anchor), formatDay(current.start))}{' '}
          {current.skipped ? m.periodSkipped : <StatusBadge status={current.payment_status ?? 'pending'} />}
        </>
      )}
      {billing.overdue && (
        <>
          {' '}
          <strong class="overdue">{m.overdue}</strong>
        </>
      )}
      {canPause && (
        <>
          {' '}
          <button type="button" class="link" disabled={toggle.busy} onClick={() => void toggle.run()}>
            {billing.paused ? m.resumeBilling : m.pauseBilling}
          </button>
        </>
      )}
      <ProblemBanner problem={toggle.problem} />
    </>
  );
}
