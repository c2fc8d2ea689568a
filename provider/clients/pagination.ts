/** Following OpenStack `*_links` (rel=next) pagination without trusting the link's host. */

/** A page link as the APIs send it. */
export interface PageLink {
  rel: string;
  href: string;
}

/**
 * The query of the `next` link, or undefined on the last page. Only the query is kept: the link's host may be
 * an internal name behind a proxy, and the token must never go to a host other than the catalog's.
 */
export function nextPageQuery(links: readonly PageLink[] | undefined): Record<string, string> | undefined {
  const next = links?.find((l) => l.rel === "next");
  if (!next) return undefined;
  let params: URLSearchParams;
  try {
    params = new URL(next.href, "http://placeholder.invalid").searchParams;
  } catch {
    return undefined;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of params) query[k] = v;
  return Object.keys(query).length > 0 ? query : undefined;
}

/** Guards against a server that keeps sending the same next link. */
export const MAX_PAGES = 1_000;

/** One page as a client's `fetchPage` returns it. */
export interface Page<T> {
  items: T[];
  links?: PageLink[];
}

/**
 * A listing read one page at a time, as far as its reader needs: `next()` fetches the page after the last one
 * read. A page whose request fails is not counted, so the next `next()` asks for that page again.
 * Ends on the last page, on a repeated link, on an empty page, or after `MAX_PAGES`.
 */
export class PageCursor<T> {
  private query: Record<string, string | undefined> | undefined;
  private pages = 0;
  private readonly links = new Set<string>();

  constructor(
    private readonly first: Record<string, string | undefined>,
    private readonly fetchPage: (query: Record<string, string | undefined>) => Promise<Page<T>>,
  ) {
    this.query = first;
  }

  /** True once the last page has been read. */
  get done(): boolean {
    return this.query === undefined;
  }

  /** The items of the next page; none once {@link done}. Not to be called again before it settles. */
  async next(): Promise<T[]> {
    const query = this.query;
    if (!query) return [];
    const { items, links } = await this.fetchPage(query);
    this.pages++;
    const next = nextPageQuery(links);
    const key = next ? JSON.stringify(Object.entries(next).sort()) : "";
    if (!next || this.links.has(key) || items.length === 0 || this.pages >= MAX_PAGES) {
      this.query = undefined;
    } else {
      this.links.add(key);
      // Keep the caller's filters in case the link carries only the marker.
      this.query = { ...this.first, ...next };
    }
    return items;
  }
}

/**
 * Collects all pages: `fetchPage(query)` returns the items and links of one page; `onPage` sees each page's
 * items as it arrives (a caller may start other work before the last page).
 * Stops as {@link PageCursor} does.
 */
export async function collectPages<T>(
  first: Record<string, string | undefined>,
  fetchPage: (query: Record<string, string | undefined>) => Promise<Page<T>>,
  onPage?: (items: readonly T[]) => void,
): Promise<T[]> {
  const cursor = new PageCursor(first, fetchPage);
  const all: T[] = [];
  while (!cursor.done) {
    const items = await cursor.next();
    all.push(...items);
    onPage?.(items);
  }
  return all;
}
