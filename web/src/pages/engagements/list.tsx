// /engagements: the reader's engagements, searched, sorted and filtered through the URL. A company requests
// experts from here; an expert sees the requests waiting for an answer first, with Accept / Decline; an admin
// sees every engagement, read-only.
import { api, type Engagement, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { type List, useList } from '../../live/use-list';
import type { Role } from '../../session';
import { useSession } from '../../session';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { useStatusFilter, useTimeSorts } from '../../ui/list/controls';
import { ListView } from '../../ui/list/list-view';
import { listMessages } from '../../ui/list/messages';
import { useListQuery } from '../../ui/list/query';
import { ListMore, PageHead } from '../../ui/page';
import './engagements.css';
import { ActionButtons, type EngagementActionRun, useEngagementAction } from './actions';
import { engagementListMessages } from './list-messages';
import { OtherParty } from './names';
import { ENGAGEMENT_STATUSES, formatRate } from './shared';

const SORTS = [
  '-created_at',
  'created_at',
  'title',
  '-title',
  '-rate',
  'rate',
  '-updated_at',
  'status',
] as const;
// An expert's requests are listed apart above: their main list leaves them out unless asked for.
const ALL_BUT_REQUESTS = ENGAGEMENT_STATUSES.filter((s) => s !== 'pending').join(',');

export function EngagementsPage() {
  const m = useMessages(engagementListMessages);
  const lm = useMessages(listMessages);
  const timeSorts = useTimeSorts();
  const statusFilter = useStatusFilter(ENGAGEMENT_STATUSES);
  const role: Role = useSession()?.role ?? 'company';
  const query = useListQuery({ sorts: SORTS, filters: { status: ENGAGEMENT_STATUSES } });
  const status = query.api.status ?? (role === 'expert' ? ALL_BUT_REQUESTS : undefined);
  const list = useList(
    (cursor) => ok(api.GET('/v1/engagements', { params: { query: { ...query.api, status, cursor } } })),
    [query.key, role],
  );
  const requests = useList(
    (cursor) =>
      role === 'expert'
        ? ok(api.GET('/v1/engagements', { params: { query: { cursor, status: 'pending', limit: 50 } } }))
        : Promise.resolve(emptyPage),
    [role],
  );
  const action = useEngagementAction(() => {
    void list.reload();
    void requests.reload();
  });

  return (
    <section class="page">
      <PageHead title={m.title}>
        {role === 'company' && (
          <a class="button primary" href="/engagements/new">
            {m.requestExpert}
          </a>
        )}
      </PageHead>
      <ProblemBanner problem={action.problem} />

      {role === 'expert' && <Requests list={requests} action={action} />}

      <h2>{role === 'expert' ? m.yours : m.all}</h2>
      <ListView
        list={list}
        controls={{
          query,
          id: 'engagements',
          searchHint: { company: m.searchCompany, expert: m.searchExpert, admin: m.searchAdmin }[role],
          sorts: [
            ...timeSorts,
            { value: 'title', label: lm.titleAz },
            { value: '-title', label: lm.titleZa },
            { value: '-rate', label: m.rateHigh },
            { value: 'rate', label: m.rateLow },
            { value: '-updated_at', label: m.recentlyChanged },
            { value: 'status', label: lm.statusAz },
          ],
          filters: [statusFilter],
        }}
        empty={<EmptyEngagements role={role} />}
      >
        {(rows) => <EngagementTable engagements={rows} viewer={role} />}
      </ListView>
    </section>
  );
}

const emptyPage = { data: [] as Engagement[], next_cursor: null };

function Requests({ list, action }: { list: List<Engagement>; action: EngagementActionRun }) {
  const m = useMessages(engagementListMessages);
  return (
    <section aria-labelledby="requests-title" class="stack">
      <h2 id="requests-title">{m.requests}</h2>
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {!list.items ? (
        list.loading && <Loading />
      ) : list.items.length === 0 ? (
        <Empty title={m.noRequests}>{m.noRequestsHint}</Empty>
      ) : (
        <EngagementTable engagements={list.items} viewer="expert" action={action} />
      )}
      <ListMore list={list} />
    </section>
  );
}

function EngagementTable(props: { engagements: Engagement[]; viewer: Role; action?: EngagementActionRun }) {
  const m = useMessages(engagementListMessages);
  const party =
    props.viewer === 'company' ? m.expert : props.viewer === 'expert' ? m.company : m.companyExpert;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{m.engagement}</th>
            <th>{party}</th>
            <th>{m.modules}</th>
            <th class="num">{m.rate}</th>
            <th>{m.status}</th>
            {props.action && <th>{m.answer}</th>}
          </tr>
        </thead>
        <tbody>
          {props.engagements.map((e) => (
            <tr key={e.id} data-testid="engagement-row" data-status={e.status}>
              <td>
                <a href={`/engagements/${e.id}`}>{e.title}</a>
                <br />
                <small class="muted">{m.requested(formatDate(e.created_at))}</small>
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

function EmptyEngagements({ role }: { role: Role }) {
  const m = useMessages(engagementListMessages);
  if (role === 'company')
    return (
      <Empty title={m.none}>
        <a href="/engagements/new">{m.noneCompanyLink}</a>
        {m.noneCompanyAfter}
      </Empty>
    );
  return <Empty title={m.none}>{role === 'expert' ? m.noneExpert : m.noneAdmin}</Empty>;
}
