/** Reads a request body with a size limit and parses it as JSON. */
import type { IncomingMessage } from "node:http";

/** Default body limit: 1 MiB, far above any real CSBS request. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export type BodyResult =
  | { kind: "ok"; body: unknown; text: string }
  | { kind: "too-large" }
  | { kind: "malformed"; reason: string };

/** Collects the body; stops at `limit` bytes (the caller answers 413 and closes the connection). */
export function readBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<BodyResult> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: "too-large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult) => {
      if (done) return;
      done = true;
      resolve(r);
    };
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => finish(parseJson(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", () => finish({ kind: "malformed", reason: "the request body could not be read" }));
    req.on("aborted", () => finish({ kind: "malformed", reason: "the request body was cut off" }));
  });
}

function parseJson(text: string): BodyResult {
  if (text.trim() === "") return { kind: "ok", body: undefined, text };
  try {
    return { kind: "ok", body: JSON.parse(text) as unknown, text };
  } catch (error) {
    // V8's message quotes the text around the error, which may be a password in a broken Keystone body:
    // keep only the position.
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    return { kind: "malformed", reason: `the request body is not valid JSON${at !== undefined ? ` (error at character ${at})` : ""}` };
  }
}
