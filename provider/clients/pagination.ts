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

/**
 * Collects all pages: `fetchPage(query)` returns the items and links of one page; `onPage` sees each page's
 * items as it arrives (a caller may start other work before the last page).
 * Stops on the last page, on a repeated link, or after `MAX_PAGES`.
 */
export async function collectPages<T>(
  first: Record<string, string | undefined>,
  fetchPage: (query: Record<string, string | undefined>) => Promise<{ items: T[]; links?: PageLink[] }>,
  onPage?: (items: readonly T[]) => void,
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let query: Record<string, string | undefined> | undefined = first;
  for (let page = 0; query && page < MAX_PAGES; page++) {
    const { items, links } = await fetchPage(query);
    all.push(...items);
    onPage?.(items);
    const next = nextPageQuery(links);
    const key = next ? JSON.stringify(Object.entries(next).sort()) : "";
    if (!next || seen.has(key) || items.length === 0) break;
    seen.add(key);
    // Keep the caller's filters in case the link carries only the marker.
    query = { ...first, ...next };
  }
  return all;
}
