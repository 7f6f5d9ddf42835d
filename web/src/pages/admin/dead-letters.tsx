// Dead letters: messages that used up their retries, filtered by queue (kept in the URL), each with its body
// and a one-time redrive back to its queue.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import { type List, useList } from '../../live/use-list';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { formatDate } from '../../ui/format';
import { ListMore } from '../../ui/page';

type DeadLetter = Schemas['DeadLetter'];
type QueueName = NonNullable<
  NonNullable<paths['/v1/admin/dead-letters']['get']['parameters']['query']>['queue']
>;

const QUEUE_NAMES: QueueName[] = [
  'engage-tasks',
  'engage-tasks-high',
  'engage-extractions',
  'engage-events',
  'engage-payouts',
];

export interface DeadLetterState {
  queue: QueueName | undefined;
  list: List<DeadLetter>;
}

/** The list, for the page's Refresh button to reload along with the queue counts. */
export function useDeadLetters(): DeadLetterState {
  const { query } = useLocation();
  const queue = QUEUE_NAMES.find((name) => name === query.queue);
  const list = useList(
    (cursor) => ok(api.GET('/v1/admin/dead-letters', { params: { query: { cursor, queue } } })),
    [queue],
  );
  return { queue, list };
}

export function DeadLetters({ state, onRedriven }: { state: DeadLetterState; onRedriven: () => void }) {
  const { route } = useLocation();
  const { queue, list } = state;
  const [redriving, setRedriving] = useState<string>();
  const [done, setDone] = useState<DeadLetter>();

  const redrive = useAction(async (letter: DeadLetter) => {
    setDone(undefined);
    setRedriving(letter.id);
    try {
      const updated = await ok(
        api.POST('/v1/admin/dead-letters/{id}/redrive', { params: { path: { id: letter.id } } }),
      );
      list.upsert(updated);
      setDone(updated);
      onRedriven();
    } catch (problem) {
      // Already redriven (409) elsewhere: show the list as it is now, beside the banner.
      void list.reload();
      onRedriven();
      throw problem;
    } finally {
      setRedriving(undefined);
    }
  });

  const ask = (letter: DeadLetter) => {
    if (!window.confirm(`Send message ${letter.message_id} back to ${letter.queue}?`)) return;
    void redrive.run(letter);
  };

  return (
    <>
      <div class="row adm-section-head">
        <h2 id="dead-letters-heading">Dead letters</h2>
        <div class="adm-filter">
          <label for="dead-letter-queue">Queue</label>
          <select
            id="dead-letter-queue"
            value={queue ?? ''}
            onChange={(e) => {
              const next = e.currentTarget.value;
              route(next ? `/admin/queues?queue=${encodeURIComponent(next)}` : '/admin/queues', true);
            }}
          >
            <option value="">All queues</option>
            {QUEUE_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ProblemBanner problem={redrive.problem} />
      {done && (
        <div class="banner banner-good" role="status">
          Redriven: message <code>{done.message_id}</code> went back to {done.queue}.
        </div>
      )}
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {list.items === undefined ? (
        list.loading && <Loading label="Loading dead letters…" />
      ) : list.items.length === 0 ? (
        <Empty title={queue ? `No dead letters on ${queue}` : 'No dead letters'}>
          A message lands here when it fails every retry. Nothing to do.
        </Empty>
      ) : (
        <div class="table-wrap">
          <table aria-labelledby="dead-letters-heading">
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Message id</th>
                <th scope="col" class="num">
                  Attempts
                </th>
                <th scope="col">Created</th>
                <th scope="col">Redriven</th>
                <th scope="col">Body</th>
                <th scope="col" class="adm-action-col">
                  <span class="adm-sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((letter) => (
                <DeadLetterRow
                  key={letter.id}
                  letter={letter}
                  busy={redriving === letter.id}
                  disabled={redrive.busy}
                  onRedrive={() => ask(letter)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListMore list={list} />
    </>
  );
}

function DeadLetterRow(props: {
  letter: DeadLetter;
  busy: boolean;
  disabled: boolean;
  onRedrive: () => void;
}) {
  const { letter } = props;
  const messageId = `dead-letter-${letter.id}-message`;
  return (
    <tr
      data-testid="dead-letter-row"
      data-id={letter.id}
      data-queue={letter.queue}
      data-redriven={letter.redriven_at ? 'true' : 'false'}
    >
      <td class="adm-nowrap">
        <code>{letter.queue}</code>
      </td>
      <td>
        <code id={messageId} class="adm-message-id">
          {letter.message_id}
        </code>
      </td>
      <td class="num">{letter.attempts}</td>
      <td class="adm-nowrap">{formatDate(letter.created_at)}</td>
      <td>
        {letter.redriven_at ? (
          <span data-testid="redriven-at">
            <span class="badge badge-good">Redriven</span>{' '}
            <span class="adm-nowrap">{formatDate(letter.redriven_at)}</span>
          </span>
        ) : (
          <span class="muted">Not yet</span>
        )}
      </td>
      <td>
        <details class="adm-body">
          <summary>Show body</summary>
          <pre>{JSON.stringify(letter.body ?? null, null, 2)}</pre>
        </details>
      </td>
      <td>
        {!letter.redriven_at && (
          <button
            type="button"
            class="small"
            aria-describedby={messageId}
            disabled={props.disabled}
            aria-busy={props.busy}
            onClick={props.onRedrive}
          >
            {props.busy ? 'Redriving…' : 'Redrive'}
          </button>
        )}
      </td>
    </tr>
  );
}
