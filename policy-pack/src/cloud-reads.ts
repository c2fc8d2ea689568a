/**
 * What the cloud rules read, through this package's own lookups. A policy pack does not see the stack's config,
 * so the connection is resolved from `OS_*` variables or clouds.yaml only (`csbs:*` stack config is not passed).
 */
import { connect } from "../../sdk/connection";
import { getServerProtection, type ServerProtection } from "../../sdk/get-server-protection";

/** A server of the project with what selectors match on. */
export interface CloudServer {
  id: string;
  name: string;
  tags: string[];
  metadata: Record<string, string>;
}

const NO_STACK_CONFIG = { config: {} };

/** Every server of the project with its tags (Nova 2.26+) and metadata. */
export async function listCloudServers(): Promise<CloudServer[]> {
  const servers = await connect(NO_STACK_CONFIG).nova.listServersDetail();
  return servers.map((s) => {
    const tags = (s as { tags?: unknown }).tags;
    return {
      id: s.id,
      name: s.name,
      tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [],
      metadata: s.metadata ?? {},
    };
  });
}

/** Server ids held by any policy of the project now. */
export async function liveProtectedServerIds(): Promise<Set<string>> {
  const policies = await (await connect(NO_STACK_CONFIG).backend()).list();
  return new Set(policies.flatMap((p) => p.serverIds));
}

/** The protection (policy, newest backup) of every server of the project. */
export function serverProtection(): Promise<ServerProtection[]> {
  return getServerProtection({}, NO_STACK_CONFIG);
}

/** The message when the cloud cannot be read, naming how to give the pack its credentials. */
export function cloudReadFailure(rule: string, err: unknown): string {
  const reason = err instanceof Error ? err.message : String(err);
  return (
    `${rule} could not read the cloud: ${reason}; a policy pack does not see csbs:* stack config, so give the ` +
    `preview OS_* variables (OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME, ...) or OS_CLOUD with clouds.yaml`
  );
}
