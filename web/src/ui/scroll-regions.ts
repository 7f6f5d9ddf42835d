// A table too wide for the screen scrolls inside its .table-wrap box (a zoomed document page inside its
// .pdf-scroller); keyboard users can only scroll a box that takes focus (WCAG 2.1.1, axe's
// scrollable-region-focusable). Rather than a tab stop on every table, each box becomes focusable exactly while
// it overflows — checked once for the whole app, as boxes come, go and resize.
const SELECTOR = '.table-wrap, .pdf-scroller';

function update(wrap: HTMLElement) {
  const scrolls = wrap.scrollWidth > wrap.clientWidth + 1 || wrap.scrollHeight > wrap.clientHeight + 1;
  if (scrolls && wrap.tabIndex !== 0) wrap.tabIndex = 0;
  else if (!scrolls && wrap.hasAttribute('tabindex')) wrap.removeAttribute('tabindex');
}

export function watchScrollRegions(root: HTMLElement) {
  if (typeof ResizeObserver === 'undefined') return;
  const resized = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const wrap = entry.target.closest<HTMLElement>(SELECTOR);
      if (wrap) update(wrap);
    }
  });
  const watched = new WeakSet<Element>();
  const scan = () => {
    for (const wrap of root.querySelectorAll<HTMLElement>(SELECTOR)) {
      update(wrap);
      if (!watched.has(wrap)) {
        watched.add(wrap);
        resized.observe(wrap);
        // Its table (or page) grows as rows arrive (or as it zooms), without the box itself changing size.
        const table = wrap.firstElementChild;
        if (table) resized.observe(table);
      }
    }
  };
  new MutationObserver(scan).observe(root, { childList: true, subtree: true });
  scan();
}
