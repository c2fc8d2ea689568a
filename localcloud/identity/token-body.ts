/** Renders a token record as Keystone's `{"token": {...}}` body. */
import type { KeystoneCatalogEntry } from "../../provider/wire/keystone";
import { keystoneTime } from "../core/ids";
import { buildCatalog, type CatalogRegion } from "./catalog";
import { roleId, type Directory } from "./directory";
import type { TokenRecord } from "./tokens";

export interface TokenBody {
  token: {
    methods: string[];
    user: { id: string; name: string; domain: { id: string; name: string }; password_expires_at: null };
    audit_ids: string[];
    expires_at: string;
    issued_at: string;
    project?: { id: string; name: string; domain: { id: string; name: string } };
    is_domain?: boolean;
    roles?: Array<{ id: string; name: string }>;
    catalog?: KeystoneCatalogEntry[];
    application_credential?: { id: string; name: string; restricted: boolean };
  };
}

export function renderToken(
  record: TokenRecord,
  directory: Directory,
  baseUrl: string,
  withCatalog: boolean,
  regions?: readonly CatalogRegion[],
): TokenBody {
  const user = directory.user(record.userId);
  const userDomain = user ? directory.domain({ id: user.domainId }) : undefined;
  const body: TokenBody = {
    token: {
      methods: record.methods,
      user: {
        id: record.userId,
        name: user?.name ?? "",
        domain: { id: userDomain?.id ?? "default", name: userDomain?.name ?? "Default" },
        password_expires_at: null,
      },
      audit_ids: [record.auditId],
      expires_at: keystoneTime(new Date(record.expiresAt)),
      issued_at: keystoneTime(new Date(record.issuedAt)),
    },
  };
  const project = record.projectId ? directory.project(record.projectId) : undefined;
  if (project) {
    const domain = directory.domain({ id: project.domainId });
    body.token.project = { id: project.id, name: project.name, domain: { id: project.domainId, name: domain?.name ?? "Default" } };
    body.token.is_domain = false;
    // Like Keystone, the token lists the implied roles too (member → reader).
    const names = new Set(record.roles);
    if (names.has("admin")) names.add("member");
    if (names.has("member")) names.add("reader");
    body.token.roles = [...names].sort().map((name) => ({ id: roleId(name), name }));
    if (withCatalog) body.token.catalog = buildCatalog(baseUrl, project, regions);
  }
  if (record.appCredentialId) {
    const ac = directory.appCredential(record.appCredentialId);
    body.token.application_credential = { id: record.appCredentialId, name: ac?.name ?? "", restricted: true };
  }
  return body;
}
