/**
 * The one HTTP(S) server of the local cloud. Each request runs through a pipeline of small steps
 * (./pipeline): region → route → admin gate → fault rules → body (413/400) → token (401) → handler, and the outcome
 * (a reply or a dropped connection) is written and logged. Nothing a client sends can make it answer 5xx
 * except an injected fault or a real bug in a handler.
 */
import { randomUUID } from "node:crypto";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import type { TokenValidator } from "./auth";
import { DEFAULT_BODY_LIMIT } from "./body";
import { adminGateStep } from "./pipeline/admin-gate";
import { authStep } from "./pipeline/auth-step";
import { bodyStep } from "./pipeline/body-step";
import { dispatchStep } from "./pipeline/dispatch-step";
import { runSteps, type Exchange, type Partition, type Step } from "./pipeline/exchange";
import { faultStep } from "./pipeline/fault-step";
import { regionStep } from "./pipeline/region-step";
import { respond } from "./pipeline/respond";
import { routeStep } from "./pipeline/route-step";
import type { RequestLog } from "./request-log";
import { serviceForPath } from "./router";

export { MAX_PATH_LENGTH } from "./pipeline/route-step";
export { isLoopback } from "./loopback";

export interface CloudServerOptions {
  /** The regions, each with its routes and fault rules; the first serves paths without a region prefix. */
  partitions: readonly Partition[];
  validator: TokenValidator;
  requestLog: RequestLog;
  /** Secret every admin request must carry in `X-LocalCloud-Admin-Secret`. @default undefined */
  adminSecret?: string;
  /** PEM key and certificate: serve HTTPS. @default undefined (HTTP) */
  tls?: { key: string; cert: string };
  /** @default 1 MiB */
  bodyLimit?: number;
  log: (line: string) => void;
}

export class CloudServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private host = "127.0.0.1";
  private readonly steps: readonly Step[];

  constructor(private readonly options: CloudServerOptions) {
    this.steps = [
      regionStep(options.partitions),
      routeStep(),
      adminGateStep({ ...(options.adminSecret !== undefined ? { adminSecret: options.adminSecret } : {}), listenHost: () => this.host }),
      faultStep(),
      bodyStep(options.bodyLimit ?? DEFAULT_BODY_LIMIT),
      authStep(options.validator, options.log),
      dispatchStep(options.log),
    ];
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
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const rawPath = q >= 0 ? url.slice(0, q) : url;
    const exchange: Exchange = {
      req,
      requestId: `req-${randomUUID()}`,
      method: (req.method ?? "GET").toUpperCase(),
      rawPath,
      path: rawPath,
      partition: this.options.partitions[0]!,
      queryText: q >= 0 ? url.slice(q + 1) : "",
      service: serviceForPath(rawPath),
      params: {},
    };
    respond(res, exchange, await runSteps(this.steps, exchange), this.options.requestLog);
  }
}
