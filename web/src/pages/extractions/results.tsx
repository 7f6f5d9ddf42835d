// An extraction's results: the entities found (filterable by type) and the pages that were fetched.
import { useState } from 'preact/hooks';
import type { Extraction } from '../../api/client';
import { Confidence } from '../../ui/badges';
import { Empty } from '../../ui/feedback';
import { ExternalLink } from './links';

type Entity = Extraction['entities'][number];
type Page = Extraction['pages'][number];

const TYPE_LABEL: Record<Entity['type'], string> = {
  EMAIL: 'Email',
  PHONE: 'Phone',
  PERSON: 'Person',
  COMPANY_NAME: 'Company name',
  ADDRESS: 'Address',
  VAT_ID: 'VAT ID',
  REGISTER: 'Register',
};

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
  const [type, setType] = useState('');
  const types = [...new Set(entities.map((e) => e.type))];
  const shown = type ? entities.filter((e) => e.type === type) : entities;

  return (
    <section aria-labelledby="entities-heading">
      <div class="ext-section-head">
        <h2 id="entities-heading">Entities ({entities.length})</h2>
        {entities.length > 0 && (
          <div class="row">
            <label for="entity-type">Type</label>
            <select
              id="entity-type"
              class="ext-filter-select"
              value={type}
              onChange={(e) => setType(e.currentTarget.value)}
            >
              <option value="">All types ({entities.length})</option>
              {types.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABEL[t] ?? t} ({entities.filter((e) => e.type === t).length})
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {shown.length === 0 ? (
        <Empty title="No entities found">
          The site's imprint and contact pages had no contact details we could read.
        </Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Type</th>
                <th>Value</th>
                <th>Role</th>
                <th>Confidence</th>
                <th>Source page</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={`${e.type}:${e.value}`} data-testid="entity-row" data-type={e.type}>
                  <td class="ext-nowrap">{TYPE_LABEL[e.type] ?? e.type}</td>
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
  return (
    <section aria-labelledby="pages-heading">
      <div class="ext-section-head">
        <h2 id="pages-heading">Pages fetched ({pages.length})</h2>
      </div>
      {pages.length === 0 ? (
        <Empty title="No pages fetched yet" />
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>URL</th>
                <th>Page type</th>
                <th class="num">Status</th>
                <th class="num">Fetch time</th>
              </tr>
            </thead>
            <tbody>
              {pages.map((p) => (
                <tr key={p.url} data-testid="page-row">
                  <td class="ext-url-cell">
                    <ExternalLink href={p.url} />
                    {p.error && <div class="field-error">{p.error}</div>}
                  </td>
                  <td>{p.page_type}</td>
                  <td class="num">{p.status_code ?? <span class="muted">No response</span>}</td>
                  <td class="num ext-nowrap">{p.fetch_ms.toLocaleString()} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
