/** Settings → Keystone credentials, and the key that says which token they share. */
import { createHash } from "node:crypto";
import type { Settings } from "../config/settings";
import { normalizeAuthUrl, type DomainRef, type KeystoneCredentials, type ProjectScope } from "./keystone";

function domain(id: string | undefined, name: string | undefined): DomainRef {
  return id ? { id } : { name: name ?? "Default" };
}

/** The Keystone credentials described by resolved settings. */
export function credentialsFromSettings(s: Settings): KeystoneCredentials {
  const project: ProjectScope | undefined = s.projectId
    ? { id: s.projectId }
    : s.projectName
      ? { name: s.projectName, domain: domain(s.projectDomainId, s.projectDomainName) }
      : undefined;
  if (s.authMethod === "token") return { identity: { method: "token", token: s.token ?? "" }, project };
  if (s.authMethod === "application_credential") {
    const secret = s.applicationCredentialSecret ?? "";
    if (s.applicationCredentialId) return { identity: { method: "application_credential", id: s.applicationCredentialId, secret } };
    const user = s.userId ? { id: s.userId } : { name: s.userName ?? "", domain: domain(s.userDomainId, s.userDomainName) };
    return { identity: { method: "application_credential", name: s.applicationCredentialName ?? "", secret, user } };
  }
  const password = s.password ?? "";
  if (s.userId) return { identity: { method: "password", userId: s.userId, password }, project };
  return { identity: { method: "password", userName: s.userName ?? "", userDomain: domain(s.userDomainId, s.userDomainName), password }, project };
}

/**
 * (auth URL, identity, project) as one string. The secret enters only as a hash so two different passwords
 * never share a token, and the key itself is safe to log.
 */
export function identityKey(authUrl: string, c: KeystoneCredentials): string {
  const { identity, project } = c;
  const secret = identity.method === "password" ? identity.password : identity.method === "application_credential" ? identity.secret : identity.token;
  const { password: _p, secret: _s, token: _t, ...who } = identity as unknown as Record<string, unknown>;
  const digest = createHash("sha256").update(secret).digest("hex").slice(0, 16);
  return JSON.stringify([normalizeAuthUrl(authUrl), who, project ?? null, digest]);
}
