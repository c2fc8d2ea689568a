/**
 * The parts of undici the clients use (the keep-alive `Agent`, `request`, and the URL check `request` applies),
 * loaded from undici's own modules instead of its index. The index also loads fetch, WebSocket, EventSource,
 * the mocks, the cache stores and every interceptor: 110 modules against 25, about 45 ms of CPU in every
 * provider process before its first hook runs (bench/analysis.md, "Provider CPU"). undici has no `exports` map,
 * so these paths resolve; should a later version move them, the index is used instead (the same functions).
 */
import type * as Undici from "undici";

type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, "origin" | "path" | "method"> & { method: Undici.Dispatcher.HttpMethod };

/** What the clients take from undici. */
export interface UndiciCore {
  Agent: typeof Undici.Agent;
  /** undici's `request(url, options)`: the same checks of the URL and the same call of the dispatcher. */
  request(url: string, options: RequestOptions & { dispatcher: Undici.Dispatcher }): Promise<Undici.Dispatcher.ResponseData>;
}

type DispatcherRequest = (this: Undici.Dispatcher, options: Undici.Dispatcher.RequestOptions) => Promise<Undici.Dispatcher.ResponseData>;

let loaded: UndiciCore | undefined;

function fromParts(): UndiciCore {
  const Agent = require("undici/lib/dispatcher/agent") as typeof Undici.Agent;
  const dispatch = require("undici/lib/api/api-request") as DispatcherRequest;
  const { parseURL } = require("undici/lib/core/util") as { parseURL(url: string): URL };
  return {
    Agent,
    request(url, { dispatcher, ...options }) {
      // As undici's index builds the call (`makeDispatcher`): parseURL refuses what is not http(s) alike.
      const parsed = parseURL(url);
      return dispatch.call(dispatcher, { ...options, origin: parsed.origin, path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname });
    },
  };
}

function fromIndex(): UndiciCore {
  const undici = require("undici") as typeof Undici;
  return { Agent: undici.Agent, request: (url, options) => undici.request(url, options) };
}

/** undici's Agent and request, loaded on first use. */
export function undiciCore(): UndiciCore {
  if (loaded) return loaded;
  try {
    loaded = fromParts();
  } catch {
    loaded = fromIndex();
  }
  return loaded;
}
