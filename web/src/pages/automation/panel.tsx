// The automation panel: the share of finished tasks completed without review, per ISO week as CSS bars (no
// chart library), and the fields experts correct most. Shown on /automation and on an engagement's page.
import type { Automation } from '../../api/client';
import type { Resource } from '../../live/use-resource';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import '../engagements/engagements.css';
import './automation.css';

const TOP_FIELDS = 8;

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);

/** `report` is a GET /v1/automation or an engagement's calibration, which carries the same figures. */
export function AutomationPanel(props: {
  report: Pick<Resource<Automation>, 'data' | 'error' | 'loading' | 'reload'>;
  title: string;
}) {
  const { report, title } = props;
  return (
    <section class="card" aria-labelledby="automation-title" data-testid="automation">
      <h2 id="automation-title">{title}</h2>
      <ProblemBanner problem={report.error} onRetry={() => void report.reload()} />
      {report.data ? <Figures report={report.data} /> : report.loading && <Loading />}
    </section>
  );
}

function Figures({ report }: { report: Automation }) {
  const { automation, weeks, fields } = report;
  if (automation.finished === 0) {
    return <Empty title="Nothing finished yet">The figures appear as tasks complete.</Empty>;
  }
  return (
    <>
      <p>
        <strong>{percent(automation.rate)}</strong> of {automation.finished} finished tasks completed without
        review; {automation.reviewed} reviewed by the expert.
      </p>
      <WeekChart weeks={weeks} />
      <h3>Most corrected fields</h3>
      <FieldTable fields={fields.slice(0, TOP_FIELDS)} />
    </>
  );
}

function WeekChart({ weeks }: { weeks: Automation['weeks'] }) {
  const first = weeks[0];
  const last = weeks.at(-1);
  if (!first || !last) return null;
  return (
    <figure class="automation-chart">
      <figcaption>Completed without review, per week (the dashed line is 100 %)</figcaption>
      <ol class="automation-bars">
        {weeks.map((w) => {
          const label =
            w.finished === 0
              ? `${w.week}: nothing finished`
              : `${w.week}: ${percent(w.automation_rate)} of ${w.finished}`;
          return (
            <li key={w.week} title={label} data-testid="automation-week">
              <span
                class="automation-bar"
                style={{ height: `${(w.automation_rate ?? 0) * 100}%` }}
                data-empty={w.finished === 0 ? '' : undefined}
              />
              <span class="visually-hidden">{label}</span>
            </li>
          );
        })}
      </ol>
      <div class="automation-axis" aria-hidden="true">
        <span>{first.week}</span>
        {last !== first && <span>{last.week}</span>}
      </div>
    </figure>
  );
}

function FieldTable({ fields }: { fields: Automation['fields'] }) {
  if (fields.length === 0) return <p class="muted">No field has been corrected in a review yet.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col" class="num">
              Corrected
            </th>
            <th scope="col" class="num">
              Rate
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={`${f.module}/${f.type}/${f.field}`}>
              <td>
                <code>{f.field}</code>
                <br />
                <small class="muted">
                  {f.module} · {f.type}
                </small>
              </td>
              <td class="num nowrap">
                {f.corrected} of {f.reviews}
              </td>
              <td class="num nowrap">{percent(f.correction_rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
