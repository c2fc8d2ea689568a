/**
 * The one HTTP(S) server of the local cloud. Pipeline per request: request id → route → admin gate →
 * fault rules → body (413/400) → token (401) → handler → reply (or a dropped connection) → request log.
 * Nothing a client sends can make it answer 5xx except an injected fault or a real bug in a handler.
 */
import { randomUUID, createHash, timingSafeEqual } from "node:crypto";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import type { AuthContext, CloudReply, CloudRequest, ServiceName } from "./contracts";
import { ReplyError } from "./contracts";
import type { TokenValidator } from "./auth";
import { DEFAULT_BODY_LIMIT, readBody } from "./body";
import { serviceError, unauthorizedMessage } from "./errors";
import type { FaultInjector } from "./faults";
import type { RequestLog } from "./request-log";
import { Router, serviceForPath } from "./router";

/** Longest path (without query) the cloud looks at; longer ones are 400 without routing. */
export const MAX_PATH_LENGTH = 4096;

export interface CloudServerOptions {
  router: Router;
  validator: TokenValidator;
  faults: FaultInjector;
  requestLog: RequestLog;
  /** Secret every admin request must carry in `X-LocalCloud-Admin-Secret`. @default undefined */
  adminSecret?: string;
  /** PEM key and certificate: serve HTTPS. @default undefined (HTTP) */
  tls?: { key: string; cert: string };
  /** @default 1 MiB */
  bodyLimit?: number;
  log: (line: string) => void;
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.") || host === "::ffff:127.0.0.1";
}

const NOT_FOUND: Record<ServiceName, string> = {
  identity: "The resource could not be found.",
  compute: "The resource could not be found.",
  volume: "The resource could not be found.",
  karbor: "The resource could not be found.",
  csbs: "The API does not exist or has not been published in the environment",
  admin: "no such admin endpoint",
};

function digest(s: string): Buffer {
  return createHash("sha256").update(s).digest();
}

export class CloudServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private host = "127.0.0.1";

  constructor(private readonly options: CloudServerOptions) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.handle(req, res).catch((error: unknown) => {
        options.log(`internal error: ${(error as Error)?.stack ?? String(error)}`);
        if (!res.headersSent) {
          res.writeHead(500, { "Content-Type": "application/json" });
          res.end('{"error":"internal error"}');
        } else res.destroy();
      });
    };
    this.server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
    this.server.keepAliveTimeout = 5000;
    this.server.on("connection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    this.server.on("secureConnection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    // Requests Node cannot parse (oversized headers, garbage) never reach handle(); answer them in the
    // cloud's style anyway: a request id and a JSON error body, then close.
    this.server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
      const reason = status === 431 ? "Request Header Fields Too Large" : "Bad Request";
      const body = JSON.stringify({ error: { code: status, message: `the request could not be parsed: ${reason.toLowerCase()}`, title: reason } });
      socket.end(
        `HTTP/1.1 ${status} ${reason}\r\nX-Openstack-Request-Id: req-${randomUUID()}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    this.host = host;
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = `req-${randomUUID()}`;
    const method = (req.method ?? "GET").toUpperCase();
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const rawPath = q >= 0 ? url.slice(0, q) : url;
    let service: ServiceName = serviceForPath(rawPath);
    let project: string | undefined;
    let faulted: string | undefined;
    const send = (reply: CloudReply, extra: Record<string, string> = {}) => {
      this.send(res, method, service, requestId, reply, extra);
      // The log shows what clients did to the cloud; the tests' own admin calls would only be noise.
      if (service === "admin") return;
      this.options.requestLog.add({
        method,
        path: rawPath,
        status: reply.status,
        ...(project ? { project } : {}),
        service,
        time: new Date().toISOString(),
        ...(faulted ? { faulted } : {}),
      });
    };
    const drop = () => {
      req.socket.destroy();
      this.options.requestLog.add({ method, path: rawPath, status: 0, ...(project ? { project } : {}), service, time: new Date().toISOString(), faulted });
    };

    if (rawPath.length > MAX_PATH_LENGTH || !rawPath.startsWith("/")) {
      return send(serviceError(service, 400, `the request path is longer than ${MAX_PATH_LENGTH} characters or malformed`), { Connection: "close" });
    }
    const match = this.options.router.match(method, rawPath);
    if (match.kind !== "found") {
      service = match.service;
      if (match.kind === "bad-path") return send(serviceError(service, 400, `Malformed request url: ${match.reason}`));
      if (match.kind === "method-not-allowed") {
        return send(serviceError(service, 405, "The method is not allowed for the requested URL."), { Allow: match.allowed.join(", ") });
      }
      return send(serviceError(service, 404, NOT_FOUND[service]));
    }
    const route = match.route;
    service = route.service;

    if (service === "admin") {
      const refusal = this.adminRefusal(req);
      if (refusal) return send(refusal);
    } else {
      const decision = this.options.faults.decide(method, rawPath, service);
      if (decision) {
        faulted = decision.kind;
        const rule = decision.rule;
        if (rule.latencyMs) await new Promise((r) => setTimeout(r, rule.latencyMs));
        if (decision.kind === "reset") return drop();
        if (decision.kind === "status") {
          const status = rule.status!;
          const headers: Record<string, string> = rule.retryAfter !== undefined ? { "Retry-After": String(rule.retryAfter) } : {};
          const reply: CloudReply =
            rule.body !== undefined
              ? { status, body: rule.body, headers }
              : serviceError(service, status, `injected fault: ${status}`, { headers });
          return send(reply);
        }
      }
    }

    const body = await readBody(req, this.options.bodyLimit ?? DEFAULT_BODY_LIMIT);
    if (body.kind === "too-large") {
      return send(serviceError(service, 413, `Request entity too large: the body is over ${this.options.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes`), {
        Connection: "close",
      });
    }
    if (body.kind === "malformed") return send(serviceError(service, 400, `Malformed request body: ${body.reason}`));

    let auth: AuthContext | undefined;
    if (route.auth === "token") {
      const token = header(req, "x-auth-token");
      try {
        auth = token ? await this.options.validator.validate(token) : undefined;
      } catch (error) {
        // keystonemiddleware answers 503 when it cannot reach Keystone; so do we.
        this.options.log(`token validation failed (${requestId}): ${(error as Error)?.message ?? String(error)}`);
        return send(serviceError(service, 503, "The identity service could not validate the token; try again later"));
      }
      if (!auth) return send(serviceError(service, 401, unauthorizedMessage(service)));
      project = auth.projectId;
    }

    const request: CloudRequest = {
      method,
      path: rawPath,
      params: match.params,
      query: new URLSearchParams(q >= 0 ? url.slice(q + 1) : ""),
      headers: req.headers,
      body: body.body,
      requestId,
      ...(auth ? { auth } : {}),
    };
    let reply: CloudReply;
    try {
      reply = await route.handler(request);
    } catch (error) {
      if (error instanceof ReplyError) reply = error.reply;
      else {
        this.options.log(`handler ${method} ${route.pattern} failed (${requestId}): ${(error as Error)?.stack ?? String(error)}`);
        reply = serviceError(service, 500, `internal error; request id ${requestId}`);
      }
    }
    if (faulted === "dropResponse") return drop();
    send(reply);
  }

  private adminRefusal(req: http.IncomingMessage): CloudReply | undefined {
    const secret = this.options.adminSecret;
    if (secret === undefined) {
      if (isLoopback(this.host)) return undefined;
      return serviceError("admin", 404, "the admin API is off because the cloud listens beyond loopback; start it with --admin-secret");
    }
    const given = header(req, "x-localcloud-admin-secret");
    if (given === undefined || !timingSafeEqual(digest(given), digest(secret))) {
      return serviceError("admin", 403, "the admin API needs the X-LocalCloud-Admin-Secret header with the secret the cloud was started with");
    }
    return undefined;
  }

  private send(res: http.ServerResponse, method: string, service: ServiceName, requestId: string, reply: CloudReply, extra: Record<string, string>): void {
    if (res.headersSent || res.destroyed) return;
    const headers: Record<string, string> = { "X-Openstack-Request-Id": requestId, ...extra, ...(reply.headers ?? {}) };
    if (service === "compute" || service === "karbor") headers["X-Compute-Request-Id"] = requestId;
    const noBody = reply.status === 204 || reply.status === 304 || reply.body === undefined;
    if (noBody) {
      headers["Content-Length"] = "0";
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    if (!Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
    headers["Content-Length"] = String(Buffer.byteLength(text));
    res.writeHead(reply.status, headers);
    res.end(method === "HEAD" ? undefined : text);
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
