/**
 * TLS settings → one pair of keep-alive agents (http, https) each. Certificates are verified by default; a custom CA may be
 * given as PEM text or a file path; `insecure` turns verification off (the caller warns the user).
 */
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import * as http from "node:http";
import * as https from "node:https";
import { errorCode } from "./retry";
import type { HttpAgents } from "./transport";

/** How to trust the server. */
export interface TlsSettings {
  /** PEM text of the CA bundle, or the path of a PEM file. @default the system's CAs */
  cacert?: string;
  /** Skip certificate verification (testing only). @default false */
  insecure?: boolean;
}

/** PEM text from `cacert` (a PEM string is used as is, anything else is read as a file path). */
export function loadCa(cacert: string): string {
  if (cacert.includes("-----BEGIN")) return cacert;
  let pem: string;
  try {
    pem = readFileSync(cacert, "utf8");
  } catch (err) {
    throw new Error(
      `cacert "${cacert}" cannot be read (${errorCode(err) ?? String(err)}): a CA bundle must be a readable PEM file or PEM text; fix csbs:cacert or OS_CACERT`,
    );
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw new Error(`cacert "${cacert}" holds no PEM certificate: a CA bundle must contain "-----BEGIN CERTIFICATE-----" blocks; point csbs:cacert or OS_CACERT at the CA's PEM file`);
  }
  return pem;
}

const agents = new Map<string, HttpAgents>();

// Idle sockets close after 4 s: before a server's own keep-alive timeout (Node's 5 s, most gateways' longer), so a
// request is not written to a socket the server is closing.
const IDLE_SOCKET_MS = 4_000;

/** The shared keep-alive agents for these TLS settings (one pair per distinct CA/insecure combination). */
export function agentFor(tls: TlsSettings = {}): HttpAgents {
  const ca = tls.cacert ? loadCa(tls.cacert) : undefined;
  const key = `${tls.insecure ? "insecure" : "verify"}:${ca ? createHash("sha256").update(ca).digest("hex") : "system"}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = {
      http: new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
      https: new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, ...(ca ? { ca } : {}), rejectUnauthorized: !tls.insecure }),
    };
    agents.set(key, agent);
  }
  return agent;
}

/** Closes every agent's sockets (tests, and a provider process that wants to exit promptly). */
export async function closeAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  for (const a of all) {
    a.http.destroy();
    a.https.destroy();
  }
}

const UNKNOWN_AUTHORITY = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
]);

/** A clear sentence for a TLS verification failure, or undefined when `err` is not one. */
export function describeTlsError(err: unknown, url: string): string | undefined {
  const code = errorCode(err);
  if (!code) return undefined;
  const origin = safeOrigin(url);
  if (UNKNOWN_AUTHORITY.has(code)) {
    return `TLS verification failed for ${origin}: the certificate is signed by an unknown authority; set csbs:cacert (or OS_CACERT) to the CA bundle, or csbs:insecure=true for testing only`;
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return `TLS verification failed for ${origin}: the certificate does not name this host; use the host name the certificate was issued for, or csbs:insecure=true for testing only`;
  }
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") {
    return `TLS verification failed for ${origin}: the certificate is ${code === "CERT_HAS_EXPIRED" ? "expired" : "not yet valid"}; renew it on the server (or check this machine's clock)`;
  }
  if (code.startsWith("ERR_SSL_") || code === "EPROTO") {
    return `TLS handshake with ${origin} failed (${code}): check that the URL's scheme and port serve HTTPS`;
  }
  return undefined;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "the endpoint";
  }
}
