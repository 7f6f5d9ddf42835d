// One extraction: its progress live over SSE while it runs, then the entities and pages it found, with a CSV
// export of the entities.
import { useLocation, useRoute } from 'preact-iso';
import { api, type Extraction, ok } from '../../api/client';
import { common } from '../../i18n/common';
import { useMessages } from '../../i18n/define';
import { useExtractionEvents } from '../../live/extraction-events';
import { useResource } from '../../live/use-resource';
import { Confidence, StatusBadge } from '../../ui/badges';
import { LiveIndicator, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, formatPercent } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { SiteChanges } from './changes';
import { downloadText, entitiesCsv } from './csv';
import { ExternalLink } from './links';
import { extractionMessages } from './messages';
import { EntitiesTable, PagesTable } from './results';
import './extractions.css';

type Status = Extraction['status'];

const isActive = (x: Extraction | undefined) => x?.status === 'queued' || x?.status === 'running';

export function ExtractionPage() {
  const m = useMessages(extractionMessages);
  const c = useMessages(common);
  const { params } = useRoute();
  const { query } = useLocation();
  const id = params.id ?? '';
  const extraction = useResource(
    () => ok(api.GET('/v1/extractions/{id}', { params: { path: { id } } })),
    [id],
  );
  const x = extraction.data;
  const active = isActive(x);

  const live = useExtractionEvents(id, active, {
    onProgress: (p) => {
      const terminal = p.status === 'completed' || p.status === 'failed';
      // A terminal status is left to the whole extraction that follows (onDone): switching to it here would
      // close the stream before that event arrives. The reload covers a stream cut between the two.
      extraction.set((current) =>
        current
          ? { ...current, progress: p.progress, status: terminal ? current.status : (p.status as Status) }
          : current,
      );
      if (terminal) void extraction.reload();
    },
    onDone: (done) => extraction.set(() => done),
  });

  return (
    <section class="page">
      <p>
        <a href="/extractions">{m.back}</a>
      </p>
      <PageHead title={x ? hostOf(x.normalized_url) : m.extraction}>
        {active && <LiveIndicator state={live} />}
        {x && (
          <button
            type="button"
            disabled={x.entities.length === 0}
            title={x.entities.length === 0 ? m.nothingToExport : undefined}
            onClick={() => downloadText(entitiesCsv(x.entities), `extraction-${x.id}.csv`)}
          >
            {m.exportCsv}
          </button>
        )}
      </PageHead>

      <ProblemBanner
        problem={extraction.error}
        onRetry={extraction.error?.status === 404 ? undefined : () => void extraction.reload()}
      />
      {!x ? (
        extraction.loading && <Loading label={m.loading} />
      ) : (
        <>
          {query.reused && (
            <p class="banner banner-info" role="status">
              {m.reused}
            </p>
          )}
          {x.status === 'failed' && (
            <div class="banner banner-error" role="alert">
              <strong>{m.failed}</strong>
              {x.error && <span> — {x.error}</span>}
            </div>
          )}
          <div class="card stack">
            <Progress extraction={x} />
            <dl class="facts">
              <dt>{m.url}</dt>
              <dd>
                <ExternalLink href={x.normalized_url} text={x.url} />
              </dd>
              <dt>{m.normalizedUrl}</dt>
              <dd>{x.normalized_url}</dd>
              <dt>{m.status}</dt>
              <dd>
                <StatusBadge status={x.status} />
              </dd>
              <dt>{c.confidence}</dt>
              <dd>
                <Confidence value={x.confidence} />
              </dd>
              <dt>{m.started}</dt>
              <dd>{formatDate(x.created_at)}</dd>
              <dt>{m.completed}</dt>
              <dd>{formatDate(x.completed_at)}</dd>
              {x.error && (
                <>
                  <dt>{m.error}</dt>
                  <dd>{x.error}</dd>
                </>
              )}
            </dl>
          </div>
          {x.status === 'completed' && <SiteChanges id={x.id} />}
          {active ? <p class="muted">{m.contactsLater}</p> : <EntitiesTable entities={x.entities} />}
          <PagesTable pages={x.pages} />
        </>
      )}
    </section>
  );
}

function Progress({ extraction: x }: { extraction: Extraction }) {
  const m = useMessages(extractionMessages);
  return (
    <div class="ext-progress">
      <label for="extraction-progress-bar">{m.progress}</label>
      <progress id="extraction-progress-bar" max={100} value={x.progress} />
      <output
        for="extraction-progress-bar"
        data-testid="extraction-progress"
        data-progress={x.progress}
        data-status={x.status}
      >
        {formatPercent(x.progress)}
      </output>
    </div>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
