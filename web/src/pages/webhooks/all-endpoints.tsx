// The admin's view of every webhook endpoint on the platform: each company's and the platform's, with its
// success over the last week, filtered to the disabled ones when asked (kept in the URL).
import { useLocation } from 'preact-iso';
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatShare } from '../../ui/format';
import { ListMore } from '../../ui/page';
import { SuccessSparkline } from '../../ui/sparkline';
import { webhookMessages } from './messages';

const FILTERS = { all: 'filterAll', false: 'filterDisabled', true: 'filterEnabled' } as const;
type Filter = keyof typeof FILTERS;

export function AllEndpoints() {
  const m = useMessages(webhookMessages);
  const { path, query, route } = useLocation();
  const filter: Filter = query.enabled === 'true' || query.enabled === 'false' ? query.enabled : 'all';
  const enabled = filter === 'all' ? undefined : filter;
  const list = useList(
    (cursor) => ok(api.GET('/v1/admin/webhook-endpoints', { params: { query: { cursor, enabled } } })),
    [enabled],
  );
  return (
    <section class="wh-all" aria-labelledby="wh-all-title">
      <h2 id="wh-all-title">{m.allTitle}</h2>
      <label class="inline-field">
        {m.show}{' '}
        <select
          value={filter}
          onChange={(e) => {
            const key = e.currentTarget.value as Filter;
            route(key === 'all' ? path : `${path}?enabled=${key}`, true);
          }}
        >
          {(Object.keys(FILTERS) as Filter[]).map((key) => (
            <option key={key} value={key}>
              {m[FILTERS[key]]}
            </option>
          ))}
        </select>
      </label>
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {!list.items ? (
        list.loading && <Loading />
      ) : list.items.length === 0 ? (
        <Empty title={filter === 'false' ? m.noDisabled : m.noEndpoints}>{m.allBody}</Empty>
      ) : (
        <div class="table-wrap">
          <table aria-label={m.allTable} data-testid="all-endpoints">
            <thead>
              <tr>
                <th scope="col">{m.company}</th>
                <th scope="col">{m.url}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{m.last24h}</th>
                <th scope="col">{m.last7d}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((endpoint) => (
                <tr key={endpoint.id} data-enabled={String(endpoint.enabled)}>
                  <td>{endpoint.org_name ?? m.platform}</td>
                  <td class="wh-url-cell">{endpoint.url}</td>
                  <td>
                    <StatusBadge status={endpoint.enabled ? 'enabled' : 'disabled'} />
                    {endpoint.disabled_reason && <div class="muted">{endpoint.disabled_reason}</div>}
                  </td>
                  <td>{formatShare(endpoint.success_rate.last_24h)}</td>
                  <td class="wh-rate">
                    {formatShare(endpoint.success_rate.last_7d)}{' '}
                    <SuccessSparkline
                      days={endpoint.success_rate.daily}
                      label={m.deliveriesTo(endpoint.url)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListMore list={list} />
    </section>
  );
}
