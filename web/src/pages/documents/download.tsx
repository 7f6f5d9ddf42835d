// Opening a generated PDF: a short-lived signed URL fetched on click, opened in a new tab (inline), so the
// browser shows the document without our token in the address.
import { api, type DocumentInfo, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { documentTexts } from './messages';

export function DocumentButton({ document, label }: { document: DocumentInfo; label?: string }) {
  const m = useMessages(documentTexts);
  const open = useAction(async () => {
    // Opened inside the click, so no popup blocker stops it; the signed URL arrives a moment later.
    const tab = window.open('about:blank', '_blank');
    try {
      const signed = await ok(api.GET('/v1/documents/{id}/url', { params: { path: { id: document.id } } }));
      const url = `${signed.url}&disposition=inline`;
      if (tab) tab.location.href = url;
      else location.assign(url);
    } catch (error) {
      tab?.close();
      throw error;
    }
  });
  return (
    <>
      <button
        type="button"
        class="link"
        onClick={() => void open.run()}
        disabled={open.busy}
        data-testid="document-download"
      >
        {label ?? m.pdf(document.number)}
      </button>
      {open.problem && <ProblemBanner problem={open.problem} />}
    </>
  );
}
