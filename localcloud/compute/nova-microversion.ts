/**
 * The Nova microversions the local cloud serves: 2.1 (no header) to 2.79. A server shows the fields of the
 * negotiated version only: each field newer than 2.1 is listed once below with the version that added it, so
 * serving a new field at its version is one line here. Fields whose default policy shows them to admins only
 * (the `OS-EXT-SRV-ATTR:*` of 2.3, `host_status` of 2.16) are never shown, as for a member.
 */
import { atLeast, type Microversion, type MicroversionApi } from "../core/microversion";

export const NOVA: MicroversionApi = { word: "compute", service: "compute", min: "2.1", max: "2.79", legacyHeader: "X-OpenStack-Nova-API-Version" };

/** Server fields by the microversion that added them; absent below it. */
export const SERVER_FIELD_SINCE: Readonly<Record<string, string>> = {
  locked: "2.9",
  description: "2.19",
  tags: "2.26",
  trusted_image_certificates: "2.63",
  server_groups: "2.71",
  locked_reason: "2.73",
};

/** The version of the server tag API: its routes and the list filters `tags`, `tags-any`, `not-tags`, `not-tags-any`. */
export const TAGS_SINCE = "2.26";

/** The version from which a server's `flavor` is the embedded flavor instead of `{id, links}`. */
export const EMBEDDED_FLAVOR_SINCE = "2.47";

/** Volume attachment fields by the microversion that added them. */
export const ATTACHMENT_FIELD_SINCE: Readonly<Record<string, string>> = {
  tag: "2.70",
  delete_on_termination: "2.79",
};

/** `body` without the fields `since` says are newer than `v`. */
export function fieldsAt<T extends Record<string, unknown>>(body: T, v: Microversion, since: Readonly<Record<string, string>>): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const added = since[key];
    if (added === undefined || atLeast(v, added)) out[key] = value;
  }
  return out as Partial<T>;
}
