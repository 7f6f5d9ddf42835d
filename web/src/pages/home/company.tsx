// /home for a company member: open tasks, what waits for review, how much the AI finished alone, the month's
// spend, the credits left, tasks per day and what happened lately — each figure leading to its list.
import { Fragment } from 'preact';
import { statuses } from '../../i18n/common';
import { formatCount, useMessages } from '../../i18n/define';
import { formatShare } from '../../ui/format';
import { homeMessages } from './messages';
import { DayChart, FigureCard, HomePage, MoneyLines, RecentActivity } from './parts';

export function CompanyHomePage() {
  const m = useMessages(homeMessages);
  const words = useMessages(statuses);
  return (
    <HomePage of="company">
      {(data) => (
        <>
          <div class="home-figures">
            <FigureCard
              id="home-open-tasks"
              title={m.openTasks}
              figure={formatCount(data.open_tasks.total)}
              link={{ href: '/engagements', text: m.seeTasks }}
            >
              <dl>
                {(['queued', 'in_progress', 'needs_review'] as const).map((status) => (
                  <Fragment key={status}>
                    <dt>{words[status]}</dt>
                    <dd data-status={status}>{formatCount(data.open_tasks[status])}</dd>
                  </Fragment>
                ))}
              </dl>
            </FigureCard>
            <FigureCard
              id="home-needs-review"
              title={m.needsReview}
              figure={formatCount(data.open_tasks.needs_review)}
              tone={data.open_tasks.needs_review > 0 ? 'warn' : undefined}
            >
              <p>{m.needsReviewHint(data.open_tasks.needs_review)}</p>
            </FigureCard>
            <FigureCard
              id="home-automation"
              title={m.automation}
              figure={formatShare(data.automation.rate)}
              link={{ href: '/automation', text: m.automationLink }}
            >
              <p>{m.automationHint(data.automation.completed_unseen, data.automation.finished)}</p>
            </FigureCard>
            <FigureCard
              id="home-spend"
              title={m.spend}
              figure={<MoneyLines amounts={data.spend_this_month} />}
              link={{ href: '/payments', text: m.spendLink }}
            >
              <p>{m.paymentCount(data.spend_this_month.reduce((n, s) => n + s.payments, 0))}</p>
            </FigureCard>
            <FigureCard
              id="home-credits"
              title={m.credits}
              figure={formatCount(data.credits.balance)}
              tone={data.credits.low_balance ? 'warn' : undefined}
              link={{ href: '/credits', text: m.creditsLink }}
            >
              {data.credits.low_balance && <p>{m.creditsLow}</p>}
            </FigureCard>
          </div>
          <div class="home-lower">
            <DayChart
              title={m.tasksPerDay}
              days={data.tasks_per_day.map((d) => ({ day: d.day, value: d.created }))}
              format={formatCount}
            />
            <RecentActivity items={data.recent_activity} />
          </div>
        </>
      )}
    </HomePage>
  );
}
