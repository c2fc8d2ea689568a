/**
 * The Cinder microversions the local cloud serves: 3.0 (no header) to 3.70. The volume fields do not change
 * with the version here (localcloud/README.md lists this among the differences from the real services).
 */
import type { MicroversionApi } from "../core/microversion";

export const CINDER: MicroversionApi = { word: "volume", service: "volume", min: "3.0", max: "3.70" };
