// An extraction's progress over server-sent events (`GET /v1/extractions/:id/events?token=`): EventSource
// reconnects by itself with Last-Event-ID; the stream ends with the whole extraction once it is terminal.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Extraction } from '../api/client';
import { session } from '../session';
import type { LiveState } from './room';

export interface ExtractionProgress {
  status: string;
  progress: number;
}

export function useExtractionEvents(
  id: string | undefined,
  active: boolean,
  handlers: { onProgress: (p: ExtractionProgress) => void; onDone: (extraction: Extraction) => void },
): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!id || !active) return;
    const token = session.token();
    if (!token) return;
    const url = `/v1/extractions/${encodeURIComponent(id)}/events?token=${encodeURIComponent(token)}`;
    const source = new EventSource(url);
    let finished = false;
    source.onopen = () => setState('live');
    source.onerror = () => {
      if (!finished) setState(source.readyState === EventSource.CLOSED ? 'offline' : 'reconnecting');
    };
    source.addEventListener('progress', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as ExtractionProgress;
      latest.current.onProgress(data);
    });
    const done = (event: Event) => {
      finished = true;
      source.close();
      setState('live');
      latest.current.onDone(JSON.parse((event as MessageEvent<string>).data) as Extraction);
    };
    source.addEventListener('completed', done);
    source.addEventListener('failed', done);
    return () => source.close();
  }, [id, active]);

  return state;
}
