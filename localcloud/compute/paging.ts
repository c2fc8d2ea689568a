/** `limit`/`marker` paging as Nova and Cinder do it, with their 400 messages. */
import type { ServiceName } from "../core/contracts";
import { fail } from "../core/errors";

/** The largest page Nova and Cinder serve (`osapi_max_limit`). */
export const MAX_LIMIT = 1000;

/** One page of `items` after `marker`, plus whether a next-page link is due. */
export function page<T extends { id: string }>(
  items: T[],
  query: URLSearchParams,
  service: ServiceName,
): { items: T[]; next?: string } {
  const rawLimit = query.get("limit");
  let limit = MAX_LIMIT;
  if (rawLimit !== null) {
    if (!/^\d+$/.test(rawLimit)) fail(service, 400, `limit param must be an integer; got "${rawLimit.slice(0, 40)}"`);
    limit = Math.min(Number(rawLimit), MAX_LIMIT);
  }
  let start = 0;
  const marker = query.get("marker");
  if (marker !== null) {
    const i = items.findIndex((x) => x.id === marker);
    if (i < 0) fail(service, 400, `marker [${marker.slice(0, 64)}] not found`);
    start = i + 1;
  }
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length && slice.length > 0;
  return { items: slice, ...(more ? { next: slice[slice.length - 1]!.id } : {}) };
}

/** The `*_links` next entry for a page, keeping the other query parameters. */
export function nextLink(url: string, query: URLSearchParams, marker: string): Array<{ rel: "next"; href: string }> {
  const q = new URLSearchParams(query);
  q.set("marker", marker);
  return [{ rel: "next", href: `${url}?${q.toString()}` }];
}

/**
 * A list body as Nova and Cinder send it: one page of `items` after the request's marker, rendered, under `key`,
 * with `{key}_links` when a next page exists.
 */
export function pagedBody<T extends { id: string }>(
  key: string,
  items: T[],
  query: URLSearchParams,
  service: ServiceName,
  url: string,
  render: (item: T) => unknown,
): Record<string, unknown> {
  const p = page(items, query, service);
  return { [key]: p.items.map(render), ...(p.next ? { [`${key}_links`]: nextLink(url, query, p.next) } : {}) };
}
