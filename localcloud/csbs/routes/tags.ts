/** Policy tags under `/csbs_backup_policy` (docs/csbs-api-notes.md B.1): writes answer 204. */
import type { CloudContext, Route } from "../../core/contracts";
import { invalid } from "../errors";
import { getPolicy, listProjectPolicies } from "../model/policies";
import { matchesTags, removeTags, upsertTags } from "../model/tags";
import { isObject, ok, PREFIX, route, wrapped } from "./common";
import { readTag } from "./policy-body";

function readFilters(v: unknown): Array<{ key: string; values: string[] }> {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw invalid("tags must be a list of {\"key\", \"values\": [...]}");
  return v.map((f, i) => {
    if (!isObject(f) || typeof f.key !== "string") throw invalid(`tags[${i}].key is required`);
    const values = f.values ?? [];
    if (!Array.isArray(values) || !values.every((x) => typeof x === "string")) throw invalid(`tags[${i}].values must be a list of texts`);
    return { key: f.key, values: values as string[] };
  });
}

export function tagRoutes(ctx: CloudContext): Route[] {
  const base = `${PREFIX}/csbs_backup_policy`;
  return [
    {
      method: "GET", pattern: `${base}/tags`, service: "csbs", auth: "token",
      handler: route(ctx, (_req, s) => {
        const byKey = new Map<string, Set<string>>();
        for (const p of listProjectPolicies(ctx, s.projectId)) {
          for (const t of p.tags) byKey.set(t.key, (byKey.get(t.key) ?? new Set()).add(t.value));
        }
        return ok({ tags: [...byKey].map(([key, values]) => ({ key, values: [...values].sort() })) });
      }),
    },
    {
      method: "POST", pattern: `${base}/resource_instances/action`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        const body = isObject(req.body) ? req.body : {};
        if (body.action !== "filter" && body.action !== "count") throw invalid('action must be "filter" or "count"');
        const filters = readFilters(body.tags);
        const hits = listProjectPolicies(ctx, s.projectId).filter((p) => matchesTags(p, filters))
          .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
        if (body.action === "count") return ok({ total_count: hits.length });
        const offset = Number(body.offset ?? 0);
        const limit = Number(body.limit ?? 1000);
        if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1) {
          throw invalid("limit must be a positive integer and offset a non-negative integer");
        }
        return ok({
          total_count: hits.length,
          resources: hits.slice(offset, offset + limit).map((p) => ({
            resource_id: p.id, resource_name: p.name, resource_detail: {}, tags: p.tags.map((t) => ({ ...t })),
          })),
        });
      }),
    },
    {
      method: "GET", pattern: `${base}/:policy_id/tags`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => ok({ tags: getPolicy(ctx, s.projectId, req.params.policy_id).tags })),
    },
    {
      method: "POST", pattern: `${base}/:policy_id/tags`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        const policy = getPolicy(ctx, s.projectId, req.params.policy_id);
        upsertTags(ctx, policy, [readTag(wrapped(req.body, "tag", '{"tag": {"key": "env", "value": "prod"}}'), "tag")]);
        return ok(undefined, 204);
      }),
    },
    {
      method: "POST", pattern: `${base}/:policy_id/tags/action`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        const policy = getPolicy(ctx, s.projectId, req.params.policy_id);
        const body = isObject(req.body) ? req.body : {};
        if (!Array.isArray(body.tags) || body.tags.length === 0) throw invalid("tags must be a non-empty list of {\"key\", \"value\"}");
        if (body.action === "create") {
          const keys = new Set<string>();
          upsertTags(ctx, policy, body.tags.map((t, i) => readTag(t, `tags[${i}]`, keys)));
        } else if (body.action === "delete") {
          removeTags(ctx, policy, body.tags.map((t, i) => {
            if (!isObject(t) || typeof t.key !== "string") throw invalid(`tags[${i}].key is required`);
            return t.key.trim();
          }), false);
        } else {
          throw invalid(`action is ${JSON.stringify(body.action)}; it must be "create" or "delete"`);
        }
        return ok(undefined, 204);
      }),
    },
    {
      method: "DELETE", pattern: `${base}/:policy_id/tags/:key`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        removeTags(ctx, getPolicy(ctx, s.projectId, req.params.policy_id), [req.params.key], true);
        return ok(undefined, 204);
      }),
    },
  ];
}
