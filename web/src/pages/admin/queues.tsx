// Queues: what is waiting in each queue and what died there, with the dead letters below to inspect and
// send back. Nothing polls: Refresh (or a redrive) reloads.
import { api, ok } from '../../api/client';
import { useResource } from '../../live/use-resource';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { PageHead } from '../../ui/page';
import { DeadLetters, useDeadLetters } from './dead-letters';
import './admin.css';

export function QueuesPage() {
  const queues = useResource(() => ok(api.GET('/v1/admin/queues')), []);
  const deadLetters = useDeadLetters();

  const refresh = () => {
    void queues.reload();
    void deadLetters.list.reload();
  };

  return (
    <section class="page">
      <PageHead title="Queues and dead letters">
        <button type="button" onClick={refresh} disabled={queues.loading || deadLetters.list.loading}>
          Refresh
        </button>
      </PageHead>
      <h2 id="queues-heading">Queues</h2>
      <ProblemBanner problem={queues.error} onRetry={() => void queues.reload()} />
      {queues.data === undefined ? (
        queues.loading && <Loading label="Loading queues…" />
      ) : queues.data.data.length === 0 ? (
        <Empty title="No queues configured" />
      ) : (
        <div class="table-wrap">
          <table aria-labelledby="queues-heading">
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col" class="num">
                  Backlog
                </th>
                <th scope="col" class="num">
                  Dead letters
                </th>
                <th scope="col" class="num">
                  Oldest stranded
                </th>
              </tr>
            </thead>
            <tbody>
              {queues.data.data.map((q) => (
                <tr key={q.queue} data-testid="queue-row" data-queue={q.queue}>
                  <td class="adm-nowrap">
                    <code>{q.queue}</code>
                  </td>
                  <td class="num adm-nowrap">
                    {q.backlog === null ? <span class="muted">Unknown locally</span> : q.backlog}
                  </td>
                  <td class="num" data-testid="queue-dead-letters">
                    {q.dead_letters}
                  </td>
                  <td class="num adm-nowrap" data-testid="queue-stranded">
                    {q.oldest_stranded_seconds === null ? (
                      <span class="muted">None</span>
                    ) : (
                      waited(q.oldest_stranded_seconds)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="hint">
        Backlog counts what is known to be waiting: queued tasks and events not yet relayed. The local queue
        emulator cannot report the length of the other queues, so they show as unknown. Dead letters count
        those not yet redriven.
      </p>
      <DeadLetters state={deadLetters} onRedriven={() => void queues.reload()} />
    </section>
  );
}

/** "45 s", "12 min", "3 h": how long the longest-stranded item has waited. */
function waited(seconds: number | null | undefined): string {
  const s = seconds ?? 0;
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}
