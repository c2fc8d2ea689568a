/** Reads the JSON body under the size limit: 413 (and a closed connection) past it, 400 when it is not JSON. */
import { DEFAULT_BODY_LIMIT, readBody } from "../body";
import { serviceError } from "../errors";
import type { Step } from "./exchange";

export function bodyStep(limit: number = DEFAULT_BODY_LIMIT): Step {
  return async (ex) => {
    const body = await readBody(ex.req, limit);
    if (body.kind === "too-large") {
      return { reply: serviceError(ex.service, 413, `Request entity too large: the body is over ${limit} bytes`), headers: { Connection: "close" } };
    }
    if (body.kind === "malformed") return { reply: serviceError(ex.service, 400, `Malformed request body: ${body.reason}`) };
    ex.body = body.body;
    return undefined;
  };
}
