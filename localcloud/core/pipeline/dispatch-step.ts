/**
 * Calls the route's handler. A thrown `ReplyError` is the reply it carries; anything else a handler throws is
 * a bug, answered 500 with the request id (the stack goes to the log, never to the client).
 */
import { ReplyError, type CloudReply, type CloudRequest } from "../contracts";
import { serviceError } from "../errors";
import type { Step } from "./exchange";

export function dispatchStep(log: (line: string) => void): Step {
  return async (ex) => {
    const route = ex.route!;
    const request: CloudRequest = {
      method: ex.method,
      path: ex.path,
      params: ex.params,
      query: new URLSearchParams(ex.queryText),
      headers: ex.req.headers,
      body: ex.body,
      requestId: ex.requestId,
      ...(ex.auth ? { auth: ex.auth } : {}),
    };
    let reply: CloudReply;
    try {
      reply = await route.handler(request);
    } catch (error) {
      if (error instanceof ReplyError) reply = error.reply;
      else {
        log(`handler ${ex.method} ${route.pattern} failed (${ex.requestId}): ${(error as Error)?.stack ?? String(error)}`);
        reply = serviceError(ex.service, 500, `internal error; request id ${ex.requestId}`);
      }
    }
    // A dropResponse fault lets the handler run (its effect happens) and then loses the answer.
    if (ex.faulted === "dropResponse") return { drop: true };
    return { reply };
  };
}
