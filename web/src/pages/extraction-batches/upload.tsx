// Starting a batch: drop (or pick) a CSV, see its first rows, choose the URL column, send the file as it is.
import Papa from 'papaparse';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { type ApiProblem, asProblem } from '../../api/problem';
import { useMessages } from '../../i18n/define';
import { ProblemBanner } from '../../ui/feedback';
import { createBatch } from './api';
import { batchMessages } from './messages';

interface Preview {
  file: File;
  header: string[];
  rows: string[][];
}

const URLISH = /^(url|website|web|webseite|homepage|site|domain|www|link)$/i;
/** The API's limit on rows per batch. */
const MAX_ROWS = 10_000;

export function BatchUpload() {
  const m = useMessages(batchMessages);
  const { route } = useLocation();
  const [preview, setPreview] = useState<Preview>();
  const [column, setColumn] = useState('');
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const [sending, setSending] = useState(false);

  const read = async (file: File | undefined) => {
    if (!file) return;
    setProblem(undefined);
    const text = (await file.slice(0, 64 * 1024).text()).replace(/^\uFEFF/, '');
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', preview: 6 });
    const [header = [], ...rows] = parsed.data;
    setPreview({ file, header, rows });
    setColumn(header.find((h) => URLISH.test(h.trim())) ?? '');
  };

  const send = async () => {
    if (!preview) return;
    setSending(true);
    try {
      const batch = await createBatch(preview.file, column || undefined);
      route(`/extraction-batches/${batch.id}`);
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <div class="card stack">
      <label
        class={`batch-drop${dragging ? ' batch-drop-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void read(e.dataTransfer?.files[0]);
        }}
      >
        <strong>{m.dropHere}</strong>
        {m.dropRest(MAX_ROWS)}
        <input type="file" accept=".csv,text/csv" onChange={(e) => void read(e.currentTarget.files?.[0])} />
      </label>
      {preview && (
        <>
          <div class="row">
            <label for="url-column">{m.urlColumn}</label>
            <select id="url-column" value={column} onChange={(e) => setColumn(e.currentTarget.value)}>
              <option value="">{m.detect}</option>
              {preview.header.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void send()} disabled={sending}>
              {sending ? m.uploading : m.mineFile(preview.file.name)}
            </button>
          </div>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  {preview.header.map((h) => (
                    <th key={h} class={h === column ? 'batch-url-col' : undefined}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, i) => (
                  <tr key={i}>
                    {preview.header.map((h, j) => (
                      <td key={h} class={h === column ? 'batch-url-col' : undefined}>
                        {row[j]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <ProblemBanner problem={problem} />
    </div>
  );
}
