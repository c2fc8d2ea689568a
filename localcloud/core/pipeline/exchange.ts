/**
 * One request on its way through the server's pipeline: what the steps have learnt so far, and what a step
 * answers when the request is finished (a reply, or a dropped connection).
 */
import type { IncomingMessage } from "node:http";
import type { AuthContext, CloudReply, Route, ServiceName } from "../contracts";

export interface Exchange {
  readonly req: IncomingMessage;
  readonly requestId: string;
  readonly method: string;
  /** The path as sent, without the query string (still percent-encoded). */
  readonly rawPath: string;
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
