/**
 * Admin knobs of the data-protection service: `GET|POST /_localcloud/csbs/settings` (no token, like the rest of
 * the admin API; the core applies its admin-secret rule to every `/_localcloud` route).
 */
import type { CloudContext, Route } from "../../core/contracts";
import { ReplyError } from "../../core/contracts";
import { getSettings, updateSettings } from "../model/settings";

export function settingsRoutes(ctx: CloudContext): Route[] {
  const pattern = "/_localcloud/csbs/settings";
  return [
    { method: "GET", pattern, service: "admin", auth: "none", handler: () => ({ status: 200, body: getSettings(ctx.store) }) },
    {
      method: "POST", pattern, service: "admin", auth: "none",
      handler: (req) => {
        const result = updateSettings(ctx.store, req.body);
        if (typeof result === "string") throw new ReplyError({ status: 400, body: { error: result } });
        return { status: 200, body: result };
      },
    },
  ];
}
