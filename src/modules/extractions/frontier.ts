// The crawl's plan: pages waiting to be fetched, best first. Contact-data pages rank impressum > contact > about > legal,
// whichever way they were found (a link on the home page, a link one page further, a sitemap entry). Navigation hubs —
// pages of the site's menu fetched to look one level deeper (home → Service → Kontakt) — come right after the impressum
// and contact while neither is known (planned or fetched), and after everything else once one of them is: then what is
// left of the budget goes to the menu's pages, where small businesses put a "request a quote" button with its own
// address (mailto:angebot@…?subject=…) or a department's email on its services page.
import type { PageType } from './parse';

export type Found = 'link' | 'sitemap' | 'hub';

export interface Candidate {
  url: string;
  pageType: PageType;
  /** Clicks from the home page (sitemap entries count as one). */
  depth: number;
  found: Found;
}

const PRIORITY: Record<PageType, number> = {
  impressum: 0,
  contact: 1,
  about: 3,
  legal: 4,
  other: 5,
  home: 6,
};
const HUB_FIRST = 2;
const HUB_LAST = 7;

export class Frontier {
  private readonly waiting: Candidate[] = [];
  /** Pages of each type planned or fetched (a failed fetch takes its page back out). */
  private readonly known = new Map<PageType, number>();

  add(candidate: Candidate): void {
    this.waiting.push(candidate);
    if (candidate.found !== 'hub') this.count(candidate.pageType, 1);
  }

  /** A taken page could not be fetched: it no longer stands for its type. */
  failed(candidate: Candidate): void {
    if (candidate.found !== 'hub') this.count(candidate.pageType, -1);
  }

  /** Whether a page of this type is planned or was fetched. */
  has(type: PageType): boolean {
    return (this.known.get(type) ?? 0) > 0;
  }

  private count(type: PageType, delta: number) {
    this.known.set(type, (this.known.get(type) ?? 0) + delta);
  }

  /** Pages still waiting. */
  get size(): number {
    return this.waiting.length;
  }

  /** Takes the best waiting page; undefined when none is left. */
  next(): Candidate | undefined {
    let bestAt = -1;
    let bestPriority = Number.POSITIVE_INFINITY;
    this.waiting.forEach((candidate, at) => {
      const priority = this.priority(candidate);
      // Ties keep the earlier-found page: `waiting` is in the order pages were found.
      if (priority < bestPriority) {
        bestAt = at;
        bestPriority = priority;
      }
    });
    if (bestAt === -1) return undefined;
    const [taken] = this.waiting.splice(bestAt, 1);
    return taken;
  }

  private priority(candidate: Candidate): number {
    if (candidate.found !== 'hub') return PRIORITY[candidate.pageType];
    return this.has('impressum') || this.has('contact') ? HUB_LAST : HUB_FIRST;
  }
}
