// The admin's view of every webhook endpoint on the platform: each company's and the platform's, with its
// success over the last week, filtered to the disabled ones when asked (kept in the URL).
import { useLocation } from 'preact-iso';
import { api, ok } from '../../api/client';
import { useList } from '../../live/use-list';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatShare } from '../../ui/format';
import { ListMore } from '../../ui/page';
import { SuccessSparkline } from '../../ui/sparkline';

const FILTERS = { all: 'All', false: 'Disabled', true: 'Enabled' } as const;
type Filter = keyof typeof FILTERS;

export function AllEndpoints() {
  const { path, query, route } = useLocation();
  const filter: Filter = query.enabled === 'true' || query.enabled === 'false' ? query.enabled : 'all';
  const enabled = filter === 'all' ? undefined : filter;
  const list = useList(
    (cursor) => ok(api.GET('/v1/admin/webhook-endpoints', { params: { query: { cursor, enabled } } })),
    [enabled],
  );
  return (
    <section class="wh-all" aria-labelledby="wh-all-title">
      <h2 id="wh-all-title">Every endpoint on the platform</h2>
      <label class="inline-field">
        Show{' '}
        <select
          value={filter}
          onChange={(e) => {
            const key = e.currentTarget.value as Filter;
            route(key === 'all' ? path : `${path}?enabled=${key}`, true);
          }}
        >
          {(Object.keys(FILTERS) as Filter[]).map((key) => (
            <option key={key} value={key}>
              {FILTERS[key]}
            </option>
          ))}
        </select>
      </label>
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {!list.items ? (
        list.loading && <Loading />
      ) : list.items.length === 0 ? (
        <Empty title={filter === 'false' ? 'No disabled endpoints' : 'No endpoints yet'}>
          Companies add their endpoints on their own Webhooks page.
        </Empty>
      ) : (
        <div class="table-wrap">
          <table aria-label="Every webhook endpoint" data-testid="all-endpoints">
            <thead>
              <tr>
                <th scope="col">Company</th>
                <th scope="col">URL</th>
                <th scope="col">Status</th>
                <th scope="col">24 h</th>
                <th scope="col">7 days</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((endpoint) => (
                <tr key={endpoint.id} data-enabled={String(endpoint.enabled)}>
                  <td>{endpoint.org_name ?? 'Platform'}</td>
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
                      label={`Deliveries to ${endpoint.url} per day`}
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
