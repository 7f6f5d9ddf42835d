// The admin's view of every webhook endpoint on the platform: each company's and the platform's, with its
// success over the last week, filtered to the disabled ones when asked (kept in the URL).
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { StatusBadge } from '../../ui/badges';
import { Empty } from '../../ui/feedback';
import { formatShare } from '../../ui/format';
import { ListView } from '../../ui/list/list-view';
import { useListQuery } from '../../ui/list/query';
import { SuccessSparkline } from '../../ui/sparkline';
import { webhookMessages } from './messages';

const STATES = ['false', 'true'] as const;

export function AllEndpoints() {
  const m = useMessages(webhookMessages);
  const query = useListQuery({ search: false, filters: { enabled: STATES } });
  // One state at a time (the select offers one), typed as the API takes it.
  const enabled = query.filters.enabled[0] as (typeof STATES)[number] | undefined;
  const list = useList(
    (cursor) => ok(api.GET('/v1/admin/webhook-endpoints', { params: { query: { cursor, enabled } } })),
    [query.key],
  );
  return (
    <section class="wh-all" aria-labelledby="wh-all-title">
      <h2 id="wh-all-title">{m.allTitle}</h2>
      <ListView
        list={list}
        controls={{
          query,
          id: 'wh-all',
          filters: [
            {
              name: 'enabled',
              label: m.show,
              kind: 'select',
              options: [
                { value: 'false', label: m.filterDisabled },
                { value: 'true', label: m.filterEnabled },
              ],
            },
          ],
        }}
        empty={<Empty title={m.noEndpoints}>{m.allBody}</Empty>}
        noMatches={enabled === 'false' ? <Empty title={m.noDisabled}>{m.allBody}</Empty> : undefined}
      >
        {(endpoints) => (
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
                {endpoints.map((endpoint) => (
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
      </ListView>
    </section>
  );
}
