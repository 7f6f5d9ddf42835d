// Queues: what is waiting in each queue and what died there, with the dead letters below to inspect and
// send back. Nothing polls: Refresh (or a redrive) reloads.
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatNumber } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { DeadLetters, useDeadLetters } from './dead-letters';
import { queueMessages } from './messages';
import './admin.css';

export function QueuesPage() {
  const m = useMessages(queueMessages);
  const queues = useResource(() => ok(api.GET('/v1/admin/queues')), []);
  const deadLetters = useDeadLetters();

  const refresh = () => {
    void queues.reload();
    void deadLetters.list.reload();
  };

  return (
    <section class="page">
      <PageHead title={m.title}>
        <button type="button" onClick={refresh} disabled={queues.loading || deadLetters.list.loading}>
          {m.refresh}
        </button>
      </PageHead>
      <h2 id="queues-heading">{m.queues}</h2>
      <ProblemBanner problem={queues.error} onRetry={() => void queues.reload()} />
      {queues.data === undefined ? (
        queues.loading && <Loading label={m.loadingQueues} />
      ) : queues.data.data.length === 0 ? (
        <Empty title={m.noQueues} />
      ) : (
        <div class="table-wrap">
          <table aria-labelledby="queues-heading">
            <thead>
              <tr>
                <th scope="col">{m.queue}</th>
                <th scope="col" class="num">
                  {m.backlog}
                </th>
                <th scope="col" class="num">
                  {m.deadLetters}
                </th>
                <th scope="col" class="num">
                  {m.oldestStranded}
                </th>
              </tr>
            </thead>
            <tbody>
              {queues.data.data.map((q) => (
                <tr key={q.queue} data-testid="queue-row" data-queue={q.queue}>
                  <td class="adm-nowrap">
                    {m.queueNames(q.queue)}
                    <div class="hint">
                      <code>{q.queue}</code>
                    </div>
                  </td>
                  <td class="num adm-nowrap">
                    {q.backlog === null ? (
                      <span class="muted">{m.unknownLocally}</span>
                    ) : (
                      formatNumber(q.backlog)
                    )}
                  </td>
                  <td class="num" data-testid="queue-dead-letters">
                    {formatNumber(q.dead_letters)}
                  </td>
                  <td class="num adm-nowrap" data-testid="queue-stranded">
                    {q.oldest_stranded_seconds === null ? (
                      <span class="muted">{m.none}</span>
                    ) : (
                      m.waited(q.oldest_stranded_seconds)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="hint">{m.backlogHint}</p>
      <DeadLetters state={deadLetters} onRedriven={() => void queues.reload()} />
    </section>
  );
}
