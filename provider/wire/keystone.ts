/** Plain JSON shapes of Keystone v3 tokens and the service catalog. Types only. */

export interface KeystoneEndpoint {
  id?: string;
  interface: "public" | "internal" | "admin";
  region: string;
  region_id?: string;
  url: string;
}

export interface KeystoneCatalogEntry {
  id?: string;
  type: string; // identity, compute, volumev3, data-protect
  name?: string;
  endpoints: KeystoneEndpoint[];
}

export interface KeystoneToken {
  methods: string[];
  user: { id: string; name: string; domain: { id: string; name: string } };
  project?: { id: string; name: string; domain: { id: string; name: string } };
  roles: Array<{ id: string; name: string }>;
  catalog?: KeystoneCatalogEntry[];
  expires_at: string;
  issued_at: string;
  audit_ids?: string[];
}

export interface KeystoneErrorBody {
  error: { code: number; message: string; title: string };
}
