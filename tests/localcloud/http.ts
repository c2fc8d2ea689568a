/**
 * Raw HTTP for local-cloud tests: node:http sends the path exactly as given (fetch would normalize
 * `..` and percent-encoding away), and a dropped connection comes back as `{ dropped: true }`.
 */
import * as http from "node:http";
import * as https from "node:https";
import { ADMIN_HEADERS, type TestCloud } from "../support/cloud";

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  body: unknown;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (no JSON encoding). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** CA to trust for https. */
  ca?: string;
}

/** One request; rejects only when the connection fails (see {@link requestOrDrop} for fault tests). */
export function request(method: string, url: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    // Keep the path byte-for-byte: take it from the original string, not from the URL parser.
    const afterHost = url.slice(url.indexOf("/", url.indexOf("//") + 2));
    const headers: Record<string, string> = { accept: "application/json", ...(options.headers ?? {}) };
    if (options.token !== undefined) headers["x-auth-token"] = options.token;
    let payload: string | Buffer | undefined = options.rawBody;
    if (payload === undefined && options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const lib = u.protocol === "https:" ? https : http;
    const req = lib.request(
      { method, host: u.hostname, port: u.port, path: afterHost, headers, agent: false, ...(options.ca ? { ca: options.ca } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown;
          try {
            body = text ? (JSON.parse(text) as unknown) : undefined;
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Like {@link request}, but a reset or cut connection resolves to `{ dropped: true }`. */
export async function requestOrDrop(method: string, url: string, options: RequestOptions = {}): Promise<Reply | { dropped: true; code: string }> {
  try {
    return await request(method, url, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === "ECONNRESET" || code === "EPIPE" || /socket hang up/.test(String(error))) return { dropped: true, code };
    throw error;
  }
}

/** A password login of the built-in Keystone, project-scoped by name; returns the token and the project id. */
export async function tokenFor(cloud: TestCloud, user: string, password: string, project: string): Promise<{ token: string; projectId: string; body: unknown }> {
  const r = await request("POST", `${cloud.authUrl}/auth/tokens`, {
    body: {
      auth: {
        identity: { methods: ["password"], password: { user: { name: user, domain: { name: "Default" }, password } } },
        scope: { project: { name: project, domain: { name: "Default" } } },
      },
    },
  });
  if (r.status !== 201) throw new Error(`login as ${user} on ${project} failed: ${r.status} ${r.text}`);
  const token = r.headers["x-subject-token"];
  if (typeof token !== "string") throw new Error("login reply has no X-Subject-Token");
  return { token, projectId: (r.body as { token: { project: { id: string } } }).token.project.id, body: r.body };
}

/** `{"auth": ...}` for a password login by names; `scope` is added when given. */
export function passwordAuth(user: string, password: string, scope?: unknown): unknown {
  return {
    auth: {
      identity: { methods: ["password"], password: { user: { name: user, domain: { name: "Default" }, password } } },
      ...(scope !== undefined ? { scope } : {}),
    },
  };
}

/** Admin API call that must succeed; returns the parsed body. */
export async function adminCall<T = unknown>(cloud: TestCloud, method: string, path: string, body?: unknown): Promise<T> {
  const r = await request(method, `${cloud.adminUrl}${path}`, { headers: { ...ADMIN_HEADERS }, ...(body === undefined ? {} : { body }) });
  if (r.status >= 300) throw new Error(`admin ${method} ${path} → ${r.status}: ${r.text}`);
  return r.body as T;
}
