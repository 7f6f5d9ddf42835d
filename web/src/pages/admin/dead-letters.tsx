// Dead letters: messages that used up their retries, filtered by queue (kept in the URL), each with its body
// and a one-time redrive back to its queue.
import { useState } from 'preact/hooks';
import { api, ok, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import { type Translation, useMessages } from '../../i18n/define';
import { type List, useList } from '../../live/use-list';
import { Empty, ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { formatDate, formatNumber } from '../../ui/format';
import { ListView } from '../../ui/list/list-view';
import { type ListQuery, useListQuery } from '../../ui/list/query';
import { queueMessages } from './messages';

type DeadLetter = Schemas['DeadLetter'];
type QueueName = NonNullable<
  NonNullable<paths['/v1/admin/dead-letters']['get']['parameters']['query']>['queue']
>;

const QUEUE_NAMES: QueueName[] = [
  'engage-tasks',
  'engage-tasks-high',
  'engage-extractions',
  'engage-events',
  'engage-webhooks',
  'engage-payouts',
  'engage-emails',
];

type Texts = Translation<typeof queueMessages.en>;

/** What a letter carried, in words: "Task: Office supplies invoice · Acme GmbH". */
function aboutText(letter: DeadLetter, m: Texts): string {
  const about = letter.about;
  if (!about) return m.unknownMessage;
  const name = about.name ?? (about.kind === 'payout_run' ? null : m.gone);
  return [name ? `${m.kinds(about.kind)}: ${name}` : m.kinds(about.kind), about.company_name]
    .filter(Boolean)
    .join(' · ');
}

export interface DeadLetterState {
  queue: QueueName | undefined;
  query: ListQuery<never, 'queue'>;
  list: List<DeadLetter>;
}

/** The list, for the page's Refresh button to reload along with the queue counts. */
export function useDeadLetters(): DeadLetterState {
  const query = useListQuery({ search: false, filters: { queue: QUEUE_NAMES } });
  // One queue at a time (the select offers one), typed as the API takes it.
  const queue = query.filters.queue[0] as QueueName | undefined;
  const list = useList(
    (cursor) => ok(api.GET('/v1/admin/dead-letters', { params: { query: { cursor, queue } } })),
    [query.key],
  );
  return { queue, query, list };
}

export function DeadLetters({ state, onRedriven }: { state: DeadLetterState; onRedriven: () => void }) {
  const m = useMessages(queueMessages);
  const { queue, query, list } = state;
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
    if (!window.confirm(m.confirmRedrive(aboutText(letter, m), m.queueNames(letter.queue)))) return;
    void redrive.run(letter);
  };

  return (
    <>
      <h2 id="dead-letters-heading">{m.deadLetters}</h2>
      <ProblemBanner problem={redrive.problem} />
      {done && (
        <div class="banner banner-good" role="status">
          {m.redrivenDone(aboutText(done, m), m.queueNames(done.queue))}
        </div>
      )}
      <ListView
        list={list}
        loadingLabel={m.loadingDeadLetters}
        controls={{
          query,
          id: 'dead-letter',
          filters: [
            {
              name: 'queue',
              label: m.queue,
              kind: 'select',
              options: QUEUE_NAMES.map((name) => ({ value: name, label: m.queueNames(name) })),
            },
          ],
        }}
        empty={<Empty title={m.noDeadLetters}>{m.noDeadLettersBody}</Empty>}
        noMatches={
          queue && <Empty title={m.noDeadLettersOn(m.queueNames(queue))}>{m.noDeadLettersBody}</Empty>
        }
      >
        {(letters) => (
          <div class="table-wrap">
            <table aria-labelledby="dead-letters-heading">
              <thead>
                <tr>
                  <th scope="col">{m.queue}</th>
                  <th scope="col">{m.about}</th>
                  <th scope="col" class="num">
                    {m.attempts}
                  </th>
                  <th scope="col">{m.created}</th>
                  <th scope="col">{m.redriven}</th>
                  <th scope="col">{m.body}</th>
                  <th scope="col" class="adm-action-col">
                    <span class="adm-sr-only">{m.action}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {letters.map((letter) => (
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
      </ListView>
    </>
  );
}

function DeadLetterRow(props: {
  letter: DeadLetter;
  busy: boolean;
  disabled: boolean;
  onRedrive: () => void;
}) {
  const m = useMessages(queueMessages);
  const { letter } = props;
  const aboutId = `dead-letter-${letter.id}-about`;
  return (
    <tr
      data-testid="dead-letter-row"
      data-id={letter.id}
      data-queue={letter.queue}
      data-redriven={letter.redriven_at ? 'true' : 'false'}
    >
      <td class="adm-nowrap">{m.queueNames(letter.queue)}</td>
      <td class="adm-about">
        <span id={aboutId}>{aboutText(letter, m)}</span>
        <div class="hint">
          <code class="adm-message-id">{m.messageId(letter.message_id)}</code>
        </div>
      </td>
      <td class="num">{formatNumber(letter.attempts)}</td>
      <td class="adm-nowrap">{formatDate(letter.created_at)}</td>
      <td>
        {letter.redriven_at ? (
          <span data-testid="redriven-at">
            <span class="badge badge-good">{m.redriven}</span>{' '}
            <span class="adm-nowrap">{formatDate(letter.redriven_at)}</span>
          </span>
        ) : (
          <span class="muted">{m.notYet}</span>
        )}
      </td>
      <td>
        <details class="adm-body">
          <summary>{m.showBody}</summary>
          <pre>{JSON.stringify(letter.body ?? null, null, 2)}</pre>
        </details>
      </td>
      <td>
        {!letter.redriven_at && (
          <button
            type="button"
            class="small"
            aria-describedby={aboutId}
            disabled={props.disabled}
            aria-busy={props.busy}
            onClick={props.onRedrive}
          >
            {props.busy ? m.redriving : m.redrive}
          </button>
        )}
      </td>
    </tr>
  );
}
