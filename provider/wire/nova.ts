/** Plain JSON shapes of the Nova (compute v2.1) calls the provider makes. Types only. */

export interface NovaVolumeAttachmentRef {
  id: string;
  delete_on_termination?: boolean;
}

export interface NovaServer {
  id: string;
  name: string;
  /** ACTIVE, SHUTOFF, ERROR, BUILD, … */
  status: string;
  tenant_id?: string;
  user_id?: string;
  created?: string;
  updated?: string;
  metadata?: Record<string, string>;
  /** Server tags; Nova shows them from microversion 2.26 on. */
  tags?: string[];
  "OS-EXT-AZ:availability_zone"?: string;
  "os-extended-volumes:volumes_attached"?: NovaVolumeAttachmentRef[];
}

export interface NovaServerBody {
  server: NovaServer;
}

export interface NovaServerList {
  servers: NovaServer[];
  servers_links?: Array<{ rel: string; href: string }>;
}

export interface NovaFaultBody {
  [fault: string]: { code: number; message: string };
}
