// An extraction's results: the entities found (filterable by type) and the pages that were fetched.
import { useState } from 'preact/hooks';
import type { Extraction } from '../../api/client';
import { common } from '../../i18n/common';
import { useMessages } from '../../i18n/define';
import { Confidence } from '../../ui/badges';
import { Empty } from '../../ui/feedback';
import { ExternalLink } from './links';
import { extractionMessages } from './messages';

type Entity = Extraction['entities'][number];
type Page = Extraction['pages'][number];

/** A page address without the scheme and host, which every row of one extraction shares. */
function pathOf(url: string): string {
  try {
    const { pathname, search } = new URL(url);
    return `${pathname}${search}`;
  } catch {
    return url;
  }
}

function EntityValue({ entity }: { entity: Entity }) {
  if (entity.type === 'EMAIL') return <a href={`mailto:${entity.value}`}>{entity.value}</a>;
  if (entity.type === 'PHONE') return <a href={`tel:${entity.value}`}>{entity.value}</a>;
  return <span class="entity-value">{entity.value}</span>;
}

export function EntitiesTable({ entities }: { entities: Entity[] }) {
  const m = useMessages(extractionMessages);
  const c = useMessages(common);
  const [type, setType] = useState('');
  const types = [...new Set(entities.map((e) => e.type))];
  const shown = type ? entities.filter((e) => e.type === type) : entities;

  return (
    <section aria-labelledby="entities-heading">
      <div class="ext-section-head">
        <h2 id="entities-heading">{m.entities(entities.length)}</h2>
        {entities.length > 0 && (
          <div class="row">
            <label for="entity-type">{m.type}</label>
            <select
              id="entity-type"
              class="ext-filter-select"
              value={type}
              onChange={(e) => setType(e.currentTarget.value)}
            >
              <option value="">{m.allTypes(entities.length)}</option>
              {types.map((t) => (
                <option key={t} value={t}>
                  {m.withCount(m.entityTypes(t), entities.filter((e) => e.type === t).length)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {shown.length === 0 ? (
        <Empty title={m.noEntities}>{m.noEntitiesBody}</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{m.type}</th>
                <th>{m.value}</th>
                <th>{m.role}</th>
                <th>{c.confidence}</th>
                <th>{m.sourcePage}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={`${e.type}:${e.value}`} data-testid="entity-row" data-type={e.type}>
                  <td class="ext-nowrap">{m.entityTypes(e.type)}</td>
                  <td class="ext-url-cell">
                    <EntityValue entity={e} />
                  </td>
                  <td>{e.role ?? <span class="muted">—</span>}</td>
                  <td>
                    {/* The API reports entity confidence as an integer 0–100, the scale Confidence expects. */}
                    <Confidence value={e.confidence} />
                  </td>
                  <td class="ext-url-cell">
                    <ExternalLink href={e.source_url} text={pathOf(e.source_url)} title={e.source_url} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function PagesTable({ pages }: { pages: Page[] }) {
  const m = useMessages(extractionMessages);
  return (
    <section aria-labelledby="pages-heading">
      <div class="ext-section-head">
        <h2 id="pages-heading">{m.pages(pages.length)}</h2>
      </div>
      {pages.length === 0 ? (
        <Empty title={m.noPages} />
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{m.url}</th>
                <th>{m.pageType}</th>
                <th class="num">{m.httpStatus}</th>
                <th class="num">{m.fetchTime}</th>
              </tr>
            </thead>
            <tbody>
              {pages.map((p) => (
                <tr key={p.url} data-testid="page-row">
                  <td class="ext-url-cell">
                    <ExternalLink href={p.url} />
                    {p.error && (
                      <div class="field-error" title={p.error}>
                        {pageError(p.error, m)}
                      </div>
                    )}
                  </td>
                  <td>{m.pageTypes(p.page_type)}</td>
                  <td class="num">{p.status_code ?? <span class="muted">{m.noResponse}</span>}</td>
                  <td class="num ext-nowrap">{m.milliseconds(p.fetch_ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The fetch's failure (`fetch failed (kind): detail`) in plain words; anything else as the API said it. */
function pageError(error: string, m: { pageError: (kind: string) => string }): string {
  const kind = /^fetch failed \((\w+)\)/.exec(error)?.[1];
  return (kind && m.pageError(kind)) || error;
}
