/** Plain JSON shapes of the Cinder (block storage v3) calls the provider makes. Types only. */

export interface CinderAttachment {
  server_id: string;
  attachment_id?: string;
  volume_id?: string;
  device?: string;
  id?: string;
}

export interface CinderVolume {
  id: string;
  name?: string | null;
  size: number;
  status: string;
  /** "true" / "false" on the wire; tolerate a boolean too. */
  bootable: string | boolean;
  multiattach?: boolean;
  /** Older clouds spell shared disks as "shareable". */
  shareable?: boolean | string;
  attachments: CinderAttachment[];
  volume_type?: string | null;
  availability_zone?: string;
}

export interface CinderVolumeBody {
  volume: CinderVolume;
}
