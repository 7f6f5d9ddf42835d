// What changed on the site since the company's last run of it (GET /v1/extractions/:id/memory): contact
// details new in this run, and those earlier runs found that this one no longer does. Shown from the second
// run of a site on; the first has nothing to compare with.
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { formatDate } from '../../ui/format';
import { extractionMessages } from './messages';

export function SiteChanges({ id }: { id: string }) {
  const m = useMessages(extractionMessages);
  const memory = useResource(
    () => ok(api.GET('/v1/extractions/{id}/memory', { params: { path: { id } } })),
    [id],
  );
  const data = memory.data;
  if (!data || data.runs < 2) return null;
  const added = data.entities.filter((e) => e.change === 'new');
  const gone = data.entities.filter((e) => e.change === 'gone');
  return (
    <section class="card stack" aria-labelledby="site-changes">
      <h2 id="site-changes">{m.changes(data.runs)}</h2>
      {added.length === 0 && gone.length === 0 ? (
        <p class="muted">{m.noChanges}</p>
      ) : (
        <>
          <p class="muted">{m.changesBody}</p>
          <ul class="ext-changes">
            {added.map((e) => (
              <li key={`new:${e.type}:${e.value}`}>
                <strong>{m.changeNew}</strong> {m.entityTypes(e.type)}: {e.value}
                {e.role ? ` (${e.role})` : ''}
              </li>
            ))}
            {gone.map((e) => (
              <li key={`gone:${e.type}:${e.value}`}>
                <strong>{m.changeGone}</strong> {m.entityTypes(e.type)}: <s>{e.value}</s>
                {e.role ? ` (${e.role})` : ''} — {m.lastSeen(formatDate(e.last_seen_at))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
