/**
 * Who may use the admin API (`/_localcloud/...`). Without a secret it is on only while the cloud listens on
 * loopback; with one, every admin request carries it. Every admin write (any method but GET and HEAD) must also
 * be something a web page cannot send cross-site without the browser asking first: it carries the
 * `X-LocalCloud-Admin` header (or the secret header), and a body it carries is declared `application/json`.
 * A page in the developer's browser can send a "simple" `text/plain` POST to 127.0.0.1 without asking; a custom
 * header or a JSON content type makes the browser send a CORS preflight first, which this cloud never grants.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { CloudReply } from "../contracts";
import { serviceError } from "../errors";
import { isLoopback } from "../loopback";
import { header, type Step } from "./exchange";

/** The header every admin write carries (any non-empty value; `1` by convention). */
export const ADMIN_WRITE_HEADER = "x-localcloud-admin";
/** The header carrying the admin secret, when the cloud was started with one. */
export const ADMIN_SECRET_HEADER = "x-localcloud-admin-secret";

export interface AdminGateOptions {
  /** The secret every admin request must carry. @default undefined (loopback only) */
  adminSecret?: string;
  /** The address the cloud listens on (read when the request comes: the cloud may listen after the gate is built). */
  listenHost: () => string;
}

function digest(s: string): Buffer {
  return createHash("sha256").update(s).digest();
}

function hasBody(req: IncomingMessage): boolean {
  const length = header(req, "content-length");
  return header(req, "transfer-encoding") !== undefined || (length !== undefined && length.trim() !== "0");
}

function isJson(req: IncomingMessage): boolean {
  const type = header(req, "content-type");
  return type !== undefined && type.split(";")[0]!.trim().toLowerCase() === "application/json";
}

/** Why this admin request is refused, or undefined when it may go on. */
export function adminRefusal(req: IncomingMessage, method: string, options: AdminGateOptions): CloudReply | undefined {
  const secret = options.adminSecret;
  let secretGiven = false;
  if (secret === undefined) {
    if (!isLoopback(options.listenHost())) {
      return serviceError("admin", 404, "the admin API is off because the cloud listens beyond loopback; start it with --admin-secret");
    }
  } else {
    const given = header(req, ADMIN_SECRET_HEADER);
    if (given === undefined || !timingSafeEqual(digest(given), digest(secret))) {
      return serviceError("admin", 403, "the admin API needs the X-LocalCloud-Admin-Secret header with the secret the cloud was started with");
    }
    secretGiven = true;
  }
  if (method === "GET" || method === "HEAD") return undefined;
  if (!secretGiven && !header(req, ADMIN_WRITE_HEADER)) {
    return serviceError("admin", 403, `admin ${method} requests need the X-LocalCloud-Admin header (for example "X-LocalCloud-Admin: 1"), so a web page cannot send them cross-site`);
  }
  if (hasBody(req) && !isJson(req)) {
    const given = header(req, "content-type") ?? "none";
    return serviceError("admin", 415, `admin request bodies must be sent with Content-Type: application/json; got ${given.slice(0, 80)}`);
  }
  return undefined;
}

/** The pipeline step: only admin routes are gated here. */
export function adminGateStep(options: AdminGateOptions): Step {
  return (ex) => {
    if (ex.service !== "admin") return undefined;
    const refusal = adminRefusal(ex.req, ex.method, options);
    return refusal ? { reply: refusal } : undefined;
  };
}
