/** Writes an outcome to the client and notes it in the request log (admin calls stay out of the log). */
import type { ServerResponse } from "node:http";
import type { CloudReply } from "../contracts";
import type { RequestLog } from "../request-log";
import type { Exchange, Outcome } from "./exchange";

function writeReply(res: ServerResponse, ex: Exchange, reply: CloudReply, extra: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { "X-Openstack-Request-Id": ex.requestId, ...extra, ...(reply.headers ?? {}) };
  if (ex.service === "compute" || ex.service === "karbor") headers["X-Compute-Request-Id"] = ex.requestId;
  if (reply.status === 204 || reply.status === 304 || reply.body === undefined) {
    headers["Content-Length"] = "0";
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  if (!Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
  headers["Content-Length"] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers);
  res.end(ex.method === "HEAD" ? undefined : text);
}

export function respond(res: ServerResponse, ex: Exchange, outcome: Outcome, log: RequestLog): void {
  const status = "drop" in outcome ? 0 : outcome.reply.status;
  if ("drop" in outcome) ex.req.socket.destroy();
  else writeReply(res, ex, outcome.reply, outcome.headers ?? {});
  // The log shows what clients did to the cloud; the tests' own admin calls would only be noise.
  if (ex.service === "admin") return;
  log.add({
    method: ex.method,
    path: ex.rawPath,
    status,
    ...(ex.auth ? { project: ex.auth.projectId } : {}),
    service: ex.service,
    region: ex.partition.name,
    time: new Date().toISOString(),
    ...(ex.faulted ? { faulted: ex.faulted } : {}),
  });
}
