/**
 * One request on its way through the server's pipeline: what the steps have learnt so far, and what a step
 * answers when the request is finished (a reply, or a dropped connection).
 */
import type { IncomingMessage } from "node:http";
import type { AuthContext, CloudReply, Route, ServiceName } from "../contracts";
import type { FaultInjector } from "../faults";
import type { Router } from "../router";

/**
 * One region of the cloud as the pipeline sees it: the routes that serve its data and the fault rules that hit
 * its requests. A request is served by exactly one partition, so nothing a route does can reach another's data.
 */
export interface Partition {
  readonly name: string;
  /** The path prefix of the region's endpoints: `""` for the first region, `/regions/<name>` for the others. */
  readonly prefix: string;
  readonly router: Router;
  readonly faults: FaultInjector;
}

export interface Exchange {
  readonly req: IncomingMessage;
  readonly requestId: string;
  readonly method: string;
  /** The path as sent, without the query string (still percent-encoded): what the request log shows. */
  readonly rawPath: string;
  /** The path inside the region (`rawPath` without the region's prefix): what routes and fault rules see. */
  path: string;
  /** The region serving the request: the first one until the region step has read the path. */
  partition: Partition;
  /** The query string without its `?`. */
  readonly queryText: string;
  /** Whose error dialect and log label the request gets; the route step narrows it. */
  service: ServiceName;
  route?: Route;
  params: Record<string, string>;
  body?: unknown;
  auth?: AuthContext;
  /** The kind of the fault rule that decided this request, when one did. */
  faulted?: string;
}

/** How a request ends: a reply (with headers the pipeline adds), or a connection closed without one. */
export type Outcome = { reply: CloudReply; headers?: Record<string, string> } | { drop: true };

/** A step of the pipeline: an outcome ends the request, undefined passes it to the next step. */
export type Step = (exchange: Exchange) => Outcome | undefined | Promise<Outcome | undefined>;

/** Runs the steps in order until one ends the request; the last step must always end it. */
export async function runSteps(steps: readonly Step[], exchange: Exchange): Promise<Outcome> {
  for (const step of steps) {
    const outcome = await step(exchange);
    if (outcome) return outcome;
  }
  throw new Error(`the pipeline ended without an outcome for ${exchange.method} ${exchange.rawPath}`);
}

/** The header value of `name` (the first one when repeated). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
