/** The version document of a microversioned API (Nova, Cinder): the same shape, with each API's numbers. */
export interface MicroversionInfo {
  /** e.g. "v2.1" */
  id: string;
  /** The newest microversion, e.g. "2.96". */
  version: string;
  minVersion: string;
  updated: string;
  /** The versioned root, e.g. `{base}/compute/v2.1/`. */
  selfHref: string;
  mediaType: string;
}

export function microversionDoc(v: MicroversionInfo) {
  return {
    id: v.id,
    status: "CURRENT",
    version: v.version,
    min_version: v.minVersion,
    updated: v.updated,
    links: [{ rel: "self", href: v.selfHref }],
    "media-types": [{ base: "application/json", type: v.mediaType }],
  };
}
