/**
 * One HTTP exchange on Node's own http/https modules: the request written whole, the answer read whole as text.
 * Not undici: on the provider's traffic (a hundred requests and eight 1 MB listing pages per operation, in a
 * process that lives for one operation) undici cost about twice the CPU of Node's native parser, plus its load
 * (bench/analysis.md, "Provider CPU"). Errors are Node's own (ECONNREFUSED, ECONNRESET, TLS codes), which
 * `retry.ts` classifies by code.
 */
import * as http from "node:http";
import * as https from "node:https";

/** The keep-alive agents of one TLS setting, one per scheme. */
export interface HttpAgents {
  http: http.Agent;
  https: https.Agent;
}

/** What one exchange sends. */
export interface TransportRequest {
  method: string;
  headers: Record<string, string>;
  /** Text of the body, sent with its Content-Length. @default no body */
  body?: string;
  agents: HttpAgents;
  /** Aborts the exchange, whatever stage it is in. */
  signal: AbortSignal;
}

/** What came back. */
export interface TransportResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** Sends one request and reads the whole answer; rejects with the socket's, the TLS layer's or the signal's error. */
export function exchange(url: string, req: TransportRequest): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === "https:";
    const headers = req.body === undefined ? req.headers : { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) };
    // http.request refuses any scheme but http: (ERR_INVALID_PROTOCOL), as undici refused one that is not http(s).
    const send = secure ? https.request : http.request;
    const outgoing = send(target, { method: req.method, headers, agent: secure ? req.agents.https : req.agents.http, signal: req.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      // An answer cut off mid-body is a connection failure, never a short text taken for the whole.
      res.on("close", () => {
        if (!res.complete) reject(Object.assign(new Error("the connection closed before the answer was complete"), { code: "ECONNRESET" }));
      });
    });
    outgoing.on("error", reject);
    outgoing.end(req.body);
  });
}
