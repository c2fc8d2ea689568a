/** `limit`/`marker` paging of Nova's server lists (Cinder has its own: ../volume/cinder-paging.ts). */
import type { ServiceName } from "../core/contracts";
import { serviceError } from "../core/errors";
import { ReplyError } from "../core/contracts";
import { paginate, type PagingDialect, type PagingProblem } from "../core/paging";

/** The largest page Nova serves (`osapi_max_limit`). */
export const MAX_LIMIT = 1000;

function message(problem: PagingProblem): string {
  switch (problem.kind) {
    case "limit-not-integer":
    case "offset-not-integer":
      return `limit param must be an integer; got "${problem.raw.slice(0, 40)}"`;
    case "limit-too-small":
    case "offset-negative":
      return `limit param must be non-negative; got ${problem.value}`;
    case "marker-not-found":
      return `marker [${problem.marker.slice(0, 64)}] not found`;
  }
}

/** Nova's rules as the local cloud serves them: digits only, 0 allowed (an empty page), a next link only when rows follow. */
export function novaPaging(service: ServiceName): PagingDialect {
  return {
    maxLimit: MAX_LIMIT,
    minLimit: 0,
    integer: /^\d+$/,
    emptyIsAbsent: false,
    offset: false,
    nextLinkWhen: "more-follow",
    nextLinkSetsLimit: false,
    refuse: (problem) => new ReplyError(serviceError(service, 400, message(problem))),
  };
}

/**
 * A list body as Nova sends it: one page of `items` after the request's marker, rendered, under `key`,
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
  const p = paginate(items, query, url, novaPaging(service));
  return { [key]: p.items.map(render), ...(p.next ? { [`${key}_links`]: [p.next] } : {}) };
}
