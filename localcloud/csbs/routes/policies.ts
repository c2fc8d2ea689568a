/** CSBS v1 policies: create, list, show, update, delete (docs/csbs-api-notes.md B.1, B.2). */
import type { CloudContext, Route } from "../../core/contracts";
import { createPolicy, deletePolicy, getPolicy, listProjectPolicies, updatePolicy } from "../model/policies";
import { COLLECTIONS, PolicyRecord } from "../model/types";
import { ok, PREFIX, route, wrapped } from "./common";
import { paginate, sortRows } from "./paging";
import { readCreate, readUpdate } from "./policy-body";
import { policyView } from "./views";

const EXAMPLE = '{"policy": {"name": "daily", "provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", ...}}';
const SORT_KEYS = ["created_at", "updated_at", "name", "id"];

export function policyRoutes(ctx: CloudContext): Route[] {
  const base = `${PREFIX}/policies`;
  return [
    {
      method: "POST", pattern: base, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        const policy = createPolicy(ctx, s.projectId, readCreate(wrapped(req.body, "policy", EXAMPLE)));
        return ok({ policy: policyView(policy, ctx.clock.now()) });
      }),
    },
    {
      method: "GET", pattern: base, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        let rows = s.allTenants ? ctx.store.list(COLLECTIONS.policies) : listProjectPolicies(ctx, s.projectId);
        const name = req.query.get("name");
        if (name !== null) rows = rows.filter((p) => p.name === name);
        const now = ctx.clock.now();
        const sortable = rows.map((p) => ({ id: p.id, created_at: p.createdAt, updated_at: p.updatedAt, name: p.name, record: p }));
        const { page, links } = paginate(sortRows(sortable, req.query, SORT_KEYS), req.query,
          `${ctx.baseUrl()}/csbs/v1/${s.projectId}/policies`);
        return ok({ policies: page.map((r) => policyView(r.record, now)), ...(links ? { policies_links: links } : {}) });
      }),
    },
    {
      method: "GET", pattern: `${base}/:policy_id`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => ok({ policy: policyView(getPolicy(ctx, s.projectId, req.params.policy_id), ctx.clock.now()) })),
    },
    {
      method: "PUT", pattern: `${base}/:policy_id`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        const current = getPolicy(ctx, s.projectId, req.params.policy_id);
        const patch = readUpdate(wrapped(req.body, "policy", '{"policy": {"resources": [...]}}'),
          current.schedule.operationId, current.schedule.retention);
        return ok({ policy: policyView(updatePolicy(ctx, current, patch), ctx.clock.now()) });
      }),
    },
    {
      method: "DELETE", pattern: `${base}/:policy_id`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        deletePolicy(ctx, getPolicy(ctx, s.projectId, req.params.policy_id));
        return ok();
      }),
    },
  ];
}
