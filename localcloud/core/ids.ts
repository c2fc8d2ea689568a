/** Ids the cloud hands out: random UUIDs, or UUIDs derived from names so fixtures get the same ids every run. */
import { createHash, randomUUID } from "node:crypto";

/** A random RFC 4122 version-4 UUID. */
export function newId(): string {
  return randomUUID();
}

/**
 * A name-based UUID (version 5 layout over SHA-1 of the parts joined by NUL), e.g.
 * `nameId("server", "demo", "web-000")`. The same parts always give the same id, so tests can compute ids.
 */
export function nameId(...parts: string[]): string {
  const h = createHash("sha1").update("pulumi-csbs-localcloud\u0000").update(parts.join("\u0000")).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Keystone-style timestamp: `2026-11-24T19:25:06.000000Z`. */
export function keystoneTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** Nova-style timestamp: `2026-11-24T19:25:06Z`. */
export function novaTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Cinder/CSBS-style timestamp: microseconds, no zone: `2026-11-24T19:25:06.000000`. */
export function naiveMicrosTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000");
}
