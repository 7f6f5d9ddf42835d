// /engagements: the reader's engagements. A company requests experts from here; an expert sees the
// requests waiting for an answer first, with Accept / Decline; an admin sees every engagement, read-only.
import { useState } from 'preact/hooks';
import { api, type Engagement, ok } from '../../api/client';
import { type List, useList } from '../../live/use-list';
import type { Role } from '../../session';
import { useSession } from '../../session';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, titleCase } from '../../ui/format';
import { ListMore, PageHead } from '../../ui/page';
import './engagements.css';
import { ActionButtons, type EngagementActionRun, useEngagementAction } from './actions';
import { OtherParty } from './names';
import { ENGAGEMENT_STATUSES, type EngagementStatus, formatRate } from './shared';

const loadPage = (cursor: string | undefined, status: EngagementStatus | undefined, limit?: number) =>
  ok(api.GET('/v1/engagements', { params: { query: { cursor, status, limit } } }));

export function EngagementsPage() {
  const role: Role = useSession()?.role ?? 'company';
  const [status, setStatus] = useState<EngagementStatus | ''>('');
  const list = useList((cursor) => loadPage(cursor, status || undefined), [status]);
  // An expert's open requests, answered from here; other roles load nothing.
  const requests = useList(
    (cursor) => (role === 'expert' ? loadPage(cursor, 'pending', 50) : Promise.resolve(emptyPage)),
    [role],
  );
  const action = useEngagementAction(() => {
    void list.reload();
    void requests.reload();
  });
  // The requests section already lists an expert's pending engagements.
  const hidePending = role === 'expert' && status === '';
  const rows = list.items?.filter((e) => !(hidePending && e.status === 'pending'));

  return (
    <section class="page">
      <PageHead title="Engagements">
        {role === 'company' && (
          <a class="button primary" href="/engagements/new">
            Request an expert
          </a>
        )}
      </PageHead>
      <ProblemBanner problem={action.problem} />

      {role === 'expert' && <Requests list={requests} action={action} />}

      <div class="page-head">
        <h2>{role === 'expert' ? 'Your engagements' : 'All engagements'}</h2>
        <div class="filter">
          <label for="status-filter">Status</label>
          <select
            id="status-filter"
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as EngagementStatus | '')}
          >
            <option value="">{hidePending ? 'All but requests' : 'All'}</option>
            {ENGAGEMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {titleCase(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {!rows ? (
        list.loading && <Loading />
      ) : rows.length === 0 ? (
        <EmptyEngagements role={role} filtered={status !== ''} />
      ) : (
        <EngagementTable engagements={rows} viewer={role} />
      )}
      <ListMore list={list} />
    </section>
  );
}

const emptyPage = { data: [] as Engagement[], next_cursor: null };

function Requests({ list, action }: { list: List<Engagement>; action: EngagementActionRun }) {
  return (
    <section aria-labelledby="requests-title" class="stack">
      <h2 id="requests-title">Requests waiting for you</h2>
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {!list.items ? (
        list.loading && <Loading />
      ) : list.items.length === 0 ? (
        <Empty title="No open requests">
          When a company requests you, it shows up here to accept or decline.
        </Empty>
      ) : (
        <EngagementTable engagements={list.items} viewer="expert" action={action} />
      )}
      <ListMore list={list} />
    </section>
  );
}

function EngagementTable(props: { engagements: Engagement[]; viewer: Role; action?: EngagementActionRun }) {
  const party =
    props.viewer === 'company' ? 'Expert' : props.viewer === 'expert' ? 'Company' : 'Company · expert';
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Engagement</th>
            <th>{party}</th>
            <th>Modules</th>
            <th class="num">Rate</th>
            <th>Status</th>
            {props.action && <th>Answer</th>}
          </tr>
        </thead>
        <tbody>
          {props.engagements.map((e) => (
            <tr key={e.id} data-testid="engagement-row" data-status={e.status}>
              <td>
                <a href={`/engagements/${e.id}`}>{e.title}</a>
                <br />
                <small class="muted">Requested {formatDate(e.created_at)}</small>
              </td>
              <td>
                <OtherParty engagement={e} role={props.viewer} />
              </td>
              <td>{e.modules.join(', ')}</td>
              <td class="num">{formatRate(e.rate)}</td>
              <td>
                <StatusBadge status={e.status} />
              </td>
              {props.action && (
                <td>
                  <ActionButtons engagement={e} role={props.viewer} action={props.action} small />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EmptyEngagements({ role, filtered }: { role: Role; filtered: boolean }) {
  if (filtered) return <Empty title="No engagements with this status">Choose another status above.</Empty>;
  if (role === 'company')
    return (
      <Empty title="No engagements yet">
        <a href="/engagements/new">Request an expert</a> to get started.
      </Empty>
    );
  if (role === 'expert')
    return <Empty title="No engagements yet">Accepted requests become engagements and appear here.</Empty>;
  return <Empty title="No engagements yet">Companies have not requested any experts.</Empty>;
}
