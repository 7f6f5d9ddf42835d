// Re-reading a page's figures while someone looks at it: the rollup moves them every five minutes and no
// event announces it, so a slow timer is the cheap way to keep charts moving. Nothing is fetched while the
// tab is hidden; coming back after longer than the interval reads at once.
import { useEffect, useRef } from 'preact/hooks';

export const REFRESH_MS = 60_000;

export function useRefreshWhileVisible(refresh: () => void, everyMs = REFRESH_MS) {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    let last = Date.now();
    const due = () => document.visibilityState === 'visible' && Date.now() - last >= everyMs - 1000;
    const run = () => {
      if (!due()) return;
      last = Date.now();
      latest.current();
    };
    const timer = setInterval(run, everyMs);
    document.addEventListener('visibilitychange', run);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', run);
    };
  }, [everyMs]);
}
