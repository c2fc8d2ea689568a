/** `GET /quotas`: backups, backup capacity, and (this project's choice, docs/csbs-api-notes.md E #4) policies. */
import type { CloudContext, Route } from "../../core/contracts";
import { BACKUP_QUOTA, MAX_POLICIES_PER_PROJECT } from "../limits";
import { projectItems } from "../model/backups";
import { listProjectPolicies } from "../model/policies";
import { ok, PREFIX, route } from "./common";

export function quotaRoutes(ctx: CloudContext): Route[] {
  return [{
    method: "GET", pattern: `${PREFIX}/quotas`, service: "csbs", auth: "token",
    handler: route(ctx, (_req, s) => {
      const items = projectItems(ctx, s.projectId);
      const usedGb = Math.round(items.reduce((n, i) => n + i.sizeMb, 0) / 1024);
      return ok({ quotas: { resources: [
        { type: "backups", quota: BACKUP_QUOTA, used: items.length },
        { type: "backup_capacity", unit: "GB", quota: -1, used: usedGb },
        { type: "policies", quota: MAX_POLICIES_PER_PROJECT, used: listProjectPolicies(ctx, s.projectId).length },
      ] } });
    }),
  }];
}
