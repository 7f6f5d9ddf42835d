// A PDF drawn page by page with PDF.js, at the width of its column (zoom from there), with the box of each
// field the AI read drawn over the page. Focusing a field in the form turns to its page and scrolls its box
// into view inside the viewer (never the window, so a phone keeps the field being typed in on screen).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useMessages } from '../../i18n/define';
import { Loading } from '../../ui/feedback';
import { formatNumber, formatPercent } from '../../ui/format';
import { boxTitle } from './invoice/box-title';
import { controlOfBox, useHighlight } from './invoice/highlight';
import type { Box } from './invoice/invoice';
import { expertMessages } from './messages';
import { loadPdfJs, type PDFDocumentProxy, type RenderTask } from './pdfjs';
import './pdf-viewer.css';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

export function PdfViewer(props: {
  url: string;
  title: string;
  boxes: Record<string, Box>;
  onFail: () => void;
}) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(1);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const highlight = useHighlight();
  const m = useMessages(expertMessages);

  useEffect(() => {
    let loading: { destroy: () => Promise<void> } | null = null;
    let stale = false;
    loadPdfJs()
      .then((pdfjs) => {
        const task = pdfjs.getDocument({ url: props.url, verbosity: 0 });
        loading = task;
        return task.promise;
      })
      .then((loaded) => !stale && setDoc(loaded))
      .catch(() => !stale && props.onFail());
    return () => {
      stale = true;
      void loading?.destroy(); // frees the document (and stops its download) when the review closes
    };
  }, [props.url]);

  // The column's width decides the scale; a phone turned sideways redraws at the new width.
  const [columnWidth, setColumnWidth] = useState(0);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.floor(entry?.contentRect.width ?? 0);
      // Scrollbars coming and going change the width by a few pixels: not worth a redraw.
      setColumnWidth((previous) => (Math.abs(next - previous) > 8 ? next : previous));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [doc !== null]);

  useEffect(() => {
    if (!doc || !canvas.current || columnWidth === 0) return;
    let task: RenderTask | null = null;
    let stale = false;
    void doc.getPage(page).then((pdfPage) => {
      if (stale || !canvas.current) return;
      const natural = pdfPage.getViewport({ scale: 1 });
      const viewport = pdfPage.getViewport({ scale: (columnWidth * zoom) / natural.width });
      // Drawn at the screen's pixel density, so small print stays sharp on a phone or a retina display.
      const density = window.devicePixelRatio || 1;
      const target = canvas.current;
      target.width = Math.floor(viewport.width * density);
      target.height = Math.floor(viewport.height * density);
      setSize({ width: viewport.width, height: viewport.height });
      task = pdfPage.render({ canvas: target, viewport, transform: [density, 0, 0, density, 0, 0] });
      task.promise.catch(() => {}); // cancelled by the next page or zoom
    });
    return () => {
      stale = true;
      task?.cancel();
    };
  }, [doc, page, zoom, columnWidth]);

  // Keyed by the selected path, not the box object: turning pages or hovering must not pull the view back.
  const selected = highlight.selected;
  const selectedBox = selected ? props.boxes[selected] : undefined;
  useEffect(() => {
    if (selectedBox && doc && selectedBox.page !== page && selectedBox.page <= doc.numPages)
      setPage(selectedBox.page);
  }, [selected, doc]);
  useEffect(() => {
    const element = scroller.current;
    if (!selectedBox || !element || !size || selectedBox.page !== page) return;
    const top = selectedBox.y * size.height - element.clientHeight / 3;
    const left = selectedBox.x * size.width - 16;
    element.scrollTo({ top: Math.max(0, top), left: Math.max(0, left), behavior: 'smooth' });
  }, [selected, page, size?.width, size?.height]);

  if (!doc) return <Loading label={m.loadingDocument} />;
  const pages = doc.numPages;
  const zoomAt = ZOOMS.indexOf(zoom);
  const onPage = Object.entries(props.boxes).filter(([, box]) => box.page === page);
  return (
    <div class="pdf-viewer" data-testid="review-document" data-page={page} data-pages={pages}>
      <div class="pdf-toolbar" role="toolbar" aria-label={m.toolbar}>
        <button type="button" class="small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {m.previousPage}
        </button>
        <span aria-live="polite">{m.pageOf(formatNumber(page), formatNumber(pages))}</span>
        <button type="button" class="small" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {m.nextPage}
        </button>
        <span class="pdf-zoom">
          <button
            type="button"
            class="small"
            aria-label={m.zoomOut}
            disabled={zoomAt <= 0}
            onClick={() => setZoom(ZOOMS[zoomAt - 1] ?? zoom)}
          >
            <span aria-hidden="true">−</span>
          </button>
          <button type="button" class="small" title={m.fitWidth} onClick={() => setZoom(1)}>
            {formatPercent(zoom * 100)}
          </button>
          <button
            type="button"
            class="small"
            aria-label={m.zoomIn}
            disabled={zoomAt >= ZOOMS.length - 1}
            onClick={() => setZoom(ZOOMS[zoomAt + 1] ?? zoom)}
          >
            <span aria-hidden="true">+</span>
          </button>
        </span>
      </div>
      <div class="pdf-scroller" ref={scroller}>
        <div
          class="pdf-page"
          style={size ? { width: `${size.width}px`, height: `${size.height}px` } : undefined}
        >
          <canvas
            ref={canvas}
            role="img"
            aria-label={m.pageLabel(props.title, formatNumber(page), formatNumber(pages))}
          />
          {size &&
            onPage.map(([path, box]) => (
              // The form is the accessible way to each field; boxes are a pointer shortcut to it.
              // biome-ignore lint/a11y/noStaticElementInteractions: see above
              // biome-ignore lint/a11y/useKeyWithClickEvents: see above
              <div
                key={path}
                class={`pdf-box${highlight.selected === path ? ' pdf-box-selected' : ''}${highlight.hovered === path ? ' pdf-box-hovered' : ''}`}
                data-box={path}
                title={boxTitle(path)}
                style={{
                  left: `${box.x * 100}%`,
                  top: `${box.y * 100}%`,
                  width: `${box.w * 100}%`,
                  height: `${box.h * 100}%`,
                }}
                onMouseEnter={() => highlight.hover(path)}
                onMouseLeave={() => highlight.hover(null)}
                onClick={() => document.getElementById(controlOfBox(path))?.focus()}
              />
            ))}
        </div>
      </div>
    </div>
  );
}
