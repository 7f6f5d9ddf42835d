// The automation panel: the share of finished tasks completed without review, per ISO week as CSS bars (no
// chart library), and the fields experts correct most. Shown on /automation and on an engagement's page.
import type { Automation } from '../../api/client';
import { type Translation, useMessages } from '../../i18n/define';
import type { Resource } from '../../live/use-resource';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatShare } from '../../ui/format';
import '../engagements/engagements.css';
import { engagementWords } from '../engagements/messages';
import { pathName } from '../engagements/result-view';
import { fieldNames } from '../engagements/task-messages';
import './automation.css';
import { automationTexts } from './messages';

const TOP_FIELDS = 8;

type Texts = Translation<typeof automationTexts.en>;

/** `2026-W45` as "Week 45, 2026" (KW 45/2026); anything else as it came. */
const weekWords = (m: Texts, week: string) => {
  const parsed = /^(\d{4})-W(\d{1,2})$/.exec(week);
  return parsed ? m.week(parsed[1] ?? '', Number(parsed[2])) : week;
};

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
  const m = useMessages(automationTexts);
  const { automation, weeks, fields } = report;
  if (automation.finished === 0) {
    return <Empty title={m.nothingYet}>{m.nothingYetBody}</Empty>;
  }
  return (
    <>
      <p>
        <strong>{formatShare(automation.rate)}</strong>
        {m.summary(automation.finished, automation.reviewed)}
      </p>
      <WeekChart weeks={weeks} />
      <h3>{m.mostCorrected}</h3>
      <FieldTable fields={fields.slice(0, TOP_FIELDS)} />
    </>
  );
}

function WeekChart({ weeks }: { weeks: Automation['weeks'] }) {
  const m = useMessages(automationTexts);
  const first = weeks[0];
  const last = weeks.at(-1);
  if (!first || !last) return null;
  return (
    <figure class="automation-chart">
      <figcaption>{m.chartCaption}</figcaption>
      <ol class="automation-bars">
        {weeks.map((w) => {
          const week = weekWords(m, w.week);
          const label =
            w.finished === 0
              ? m.weekEmpty(week)
              : m.weekRate(week, formatShare(w.automation_rate), w.finished);
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
        <span>{weekWords(m, first.week)}</span>
        {last !== first && <span>{weekWords(m, last.week)}</span>}
      </div>
    </figure>
  );
}

function FieldTable({ fields }: { fields: Automation['fields'] }) {
  const m = useMessages(automationTexts);
  const words = useMessages(engagementWords);
  const names = useMessages(fieldNames);
  if (fields.length === 0) return <p class="muted">{m.noCorrections}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{m.field}</th>
            <th scope="col" class="num">
              {m.corrected}
            </th>
            <th scope="col" class="num">
              {m.rate}
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={`${f.module}/${f.type}/${f.field}`}>
              <td>
                <span title={f.field}>{pathName(names, f.field)}</span>
                <br />
                <small class="muted">
                  {words.moduleName(f.module)} · {words.taskType(f.type)}
                </small>
              </td>
              <td class="num nowrap">{m.correctedOf(f.corrected, f.reviews)}</td>
              <td class="num nowrap">{formatShare(f.correction_rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
