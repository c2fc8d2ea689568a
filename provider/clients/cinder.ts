/** Typed calls to Cinder (block storage v3): the volume facts behind the "no shared disk" rule. */
import type { CinderVolume, CinderVolumeBody } from "../wire/cinder";
import { isApiError } from "./api-error";
import type { Session } from "./session";

/** The Cinder client. */
export class CinderClient {
  constructor(private readonly session: Session) {}

  /** The volume, or undefined when it does not exist (404). */
  async getVolume(volumeId: string): Promise<CinderVolume | undefined> {
    try {
      const res = await this.session.request<CinderVolumeBody>("volumev3", "GET", `/volumes/${encodeURIComponent(volumeId)}`);
      return res.body?.volume;
    } catch (err) {
      if (isApiError(err, 404)) return undefined;
      throw err;
    }
  }
}

/** True for a shared (multi-attach) disk, whichever spelling the cloud uses. */
export function isSharedVolume(volume: CinderVolume): boolean {
  return volume.multiattach === true || volume.shareable === true || volume.shareable === "true";
}
