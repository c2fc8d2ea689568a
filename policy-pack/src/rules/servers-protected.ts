/**
 * Every server of the project that matches a selector (tags and/or metadata) is protected by some backup policy:
 * one the project already has, or an association this stack declares. Read from the cloud at preview.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { cloudReadFailure, listCloudServers, liveProtectedServerIds, type CloudServer } from "../cloud-reads";
import { reportUnknowns } from "../preview-unknown";
import { RULES } from "../rule-names";
import { readStack } from "../stack-model";

/** Which servers must be protected: every tag listed and every metadata key with that value. */
export interface ServerSelector {
  tags?: string[];
  metadata?: Record<string, string>;
}

export interface ServersProtectedConfig {
  selector?: ServerSelector;
}

export const serversProtected: StackValidationPolicy = {
  name: RULES.serversProtected,
  description: "Every server of the project matching selector (tags, metadata) is protected by a backup policy.",
  enforcementLevel: "disabled",
  configSchema: {
    properties: {
      selector: {
        type: "object",
        description: "Servers that must be protected: those with all these tags and metadata values.",
        properties: {
          tags: { type: "array", items: { type: "string" } },
          metadata: { type: "object", additionalProperties: { type: "string" } },
        },
      },
    },
  },
  validateStack: async (args, reportViolation) => {
    const selector = args.getConfig<ServersProtectedConfig>().selector ?? {};
    const tags = selector.tags ?? [];
    const metadata = Object.entries(selector.metadata ?? {});
    if (tags.length === 0 && metadata.length === 0) {
      reportViolation(
        `${RULES.serversProtected} is on but its selector is empty: add e.g. { "selector": { "tags": ["prod"] } } ` +
          `under "${RULES.serversProtected}" in the policy pack config`,
      );
      return;
    }
    const { associations } = readStack(args.resources);
    const declared = new Set(associations.flatMap((a) => a.serverIds));
    let servers: CloudServer[];
    let live: Set<string>;
    try {
      [servers, live] = await Promise.all([listCloudServers(), liveProtectedServerIds()]);
    } catch (err) {
      reportViolation(cloudReadFailure(RULES.serversProtected, err));
      return;
    }
    const matches = (s: CloudServer) => tags.every((t) => s.tags.includes(t)) && metadata.every(([k, v]) => s.metadata[k] === v);
    const unprotected = servers.filter((s) => matches(s) && !live.has(s.id) && !declared.has(s.id));
    const undecided = associations.filter((a) => a.serversUnknown);
    const shown = describeSelector(selector);
    if (undecided.length > 0) {
      const names = undecided.map((a) => `"${a.resourceName}"`).join(", ");
      return reportUnknowns(unprotected.map((s) => `whether server "${s.name}" (${s.id}), which matches ${shown}, is among the serverIds of association ${names}`));
    }
    for (const s of unprotected) {
      reportViolation(
        `server "${s.name}" (${s.id}) matches ${shown} but no backup policy protects it: no policy of the project holds it ` +
          `and no association of this stack lists it; add "${s.id}" to the serverIds of a PolicyAssociation`,
      );
    }
  },
};

function describeSelector(selector: ServerSelector): string {
  const parts: string[] = [];
  if (selector.tags && selector.tags.length > 0) parts.push(`tags ${JSON.stringify(selector.tags)}`);
  const md = Object.entries(selector.metadata ?? {});
  if (md.length > 0) parts.push(`metadata ${md.map(([k, v]) => `${k}=${v}`).join(", ")}`);
  return `the selector ${parts.join(" and ")}`;
}
