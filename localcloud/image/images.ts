/** The images the local cloud's Glance lists: one public image, the same on every start. */
import { nameId } from "../core/ids";

export interface ImageRecord {
  id: string;
  name: string;
  diskFormat: string;
  size: number;
  minDisk: number;
  createdAt: string;
}

export const IMAGES: readonly ImageRecord[] = [
  { id: nameId("image", "Standard_Ubuntu_22.04_latest"), name: "Standard_Ubuntu_22.04_latest", diskFormat: "qcow2", size: 2_361_393_152, minDisk: 4, createdAt: "2024-01-02T03:04:05Z" },
];

/** An image as Glance v2 shows it. */
export function imageView(i: ImageRecord) {
  return {
    id: i.id,
    name: i.name,
    status: "active",
    visibility: "public",
    protected: false,
    os_hidden: false,
    owner: nameId("project", "image-owner").replace(/-/g, ""),
    container_format: "bare",
    disk_format: i.diskFormat,
    size: i.size,
    virtual_size: null,
    min_disk: i.minDisk,
    min_ram: 0,
    checksum: null,
    os_hash_algo: null,
    os_hash_value: null,
    tags: [],
    created_at: i.createdAt,
    updated_at: i.createdAt,
    self: `/v2/images/${i.id}`,
    file: `/v2/images/${i.id}/file`,
    schema: "/v2/schemas/image",
  };
}
