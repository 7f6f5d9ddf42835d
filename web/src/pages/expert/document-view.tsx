// The task's input beside the AI result: a PDF drawn by PDF.js with the fields' boxes (the browser's own
// viewer if PDF.js cannot load), an image inline, other files (DOCX) as a download, pasted text as text.
import { useMemo, useState } from 'preact/hooks';
import { api, ok, type Task } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { Loading, ProblemBanner } from '../../ui/feedback';
import { readingExtras } from './invoice/invoice';
import { expertMessages } from './messages';
import { PdfViewer } from './pdf-viewer';

interface Document {
  url: string;
  type: string;
}

async function loadDocument(fileId: string): Promise<Document> {
  const signed = await ok(api.GET('/v1/files/{id}/url', { params: { path: { id: fileId } } }));
  const inline = `${signed.url}&disposition=inline`;
  // HEAD tells the type without downloading a 50 MB RFP twice; the viewer then loads it once.
  const head = await fetch(inline, { method: 'HEAD' });
  return { url: inline, type: head.headers.get('Content-Type') ?? 'application/octet-stream' };
}

export function DocumentView({ task }: { task: Task }) {
  const m = useMessages(expertMessages);
  const fileId = typeof task.input.file_id === 'string' ? task.input.file_id : null;
  const text = typeof task.input.text === 'string' ? task.input.text : null;
  const url = typeof task.input.url === 'string' ? task.input.url : null;
  const document = useResource(() => (fileId ? loadDocument(fileId) : Promise.resolve(null)), [fileId]);
  const [viewerFailed, setViewerFailed] = useState(false);
  const { boxes } = useMemo(() => readingExtras(task.output), [task.output]);

  if (!fileId) {
    if (text)
      return (
        <pre class="review-text" data-testid="review-document">
          {text}
        </pre>
      );
    if (url) return <p data-testid="review-document">{m.website(url)}</p>;
    return <p class="muted">{m.noDocument}</p>;
  }
  if (document.error)
    return <ProblemBanner problem={document.error} onRetry={() => void document.reload()} />;
  if (!document.data) return <Loading label={m.loadingDocument} />;
  const { url: src, type } = document.data;
  if (type.startsWith('application/pdf') && !viewerFailed) {
    return (
      <PdfViewer
        url={src}
        title={m.documentOf(task.title)}
        boxes={boxes}
        onFail={() => setViewerFailed(true)}
      />
    );
  }
  if (type.startsWith('application/pdf')) {
    return (
      <>
        <p class="hint">{m.viewerFailed}</p>
        <iframe
          class="review-document"
          src={src}
          title={m.documentOf(task.title)}
          data-testid="review-document"
        />
      </>
    );
  }
  if (type.startsWith('image/')) {
    return (
      <img class="review-image" src={src} alt={m.documentOf(task.title)} data-testid="review-document" />
    );
  }
  return (
    <div data-testid="review-document">
      <p class="muted">{m.cannotShow}</p>
      <a href={src.replace('&disposition=inline', '')} download>
        {m.download}
      </a>
    </div>
  );
}
