/** Typed calls to Cinder (block storage v3): the volume facts behind the "no shared disk" rule. */
import type { CinderVolume, CinderVolumeBody } from "../wire/cinder";
import { isApiError } from "./api-error";
import { PageCursor, type PageLink } from "./pagination";
import type { Session } from "./session";

/** The answer of GET /volumes/detail (one page). */
interface CinderVolumeList {
  volumes: CinderVolume[];
  volumes_links?: PageLink[];
}

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

  /** The project's volumes with details, newest first as Cinder lists them, read a page at a time as the caller asks. */
  volumePages(): PageCursor<CinderVolume> {
    return new PageCursor<CinderVolume>({}, async (query) => {
      const res = await this.session.request<CinderVolumeList>("volumev3", "GET", "/volumes/detail", { query });
      return { items: res.body?.volumes ?? [], links: res.body?.volumes_links };
    });
  }
}

/** True for a shared (multi-attach) disk, whichever spelling the cloud uses. */
export function isSharedVolume(volume: CinderVolume): boolean {
  return volume.multiattach === true || volume.shareable === true || volume.shareable === "true";
}
