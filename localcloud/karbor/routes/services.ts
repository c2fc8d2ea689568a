/**
 * `/os-services` (admin only): the two Karbor services of the local cloud. Only the operation engine can be
 * disabled, as upstream; its status is kept but does not stop the scheduler (the local cloud's scheduler is
 * shared with CSBS).
 */
import { collection } from "../../core/collection";
import type { CloudContext, Route } from "../../core/contracts";
import { naiveMicrosTime } from "../../core/ids";
import { badRequest, notFound } from "../faults";
import { onlyKeys, ok, requireAdmin, route, wrapped } from "./common";

const COLLECTION = collection<ServiceRecord>("karbor.services");

interface ServiceRecord {
  id: string;
  status: "enabled" | "disabled";
  disabledReason: string | null;
}

const SERVICES = [
  { id: 1, binary: "karbor-operationengine", host: "localcloud" },
  { id: 2, binary: "karbor-protection", host: "localcloud" },
];

function view(ctx: CloudContext, s: (typeof SERVICES)[number]) {
  const rec = ctx.store.get(COLLECTION, String(s.id));
  return { ...s, status: rec?.status ?? "enabled", state: "up", updated_at: naiveMicrosTime(ctx.clock.now()), disabled_reason: rec?.disabledReason ?? null };
}

export function serviceRoutes(ctx: CloudContext): Route[] {
  return [
    route(ctx, "GET", "/os-services", (req, s) => {
      requireAdmin(s, "service:get_all");
      const host = req.query.get("host");
      const binary = req.query.get("binary");
      const list = SERVICES.filter((x) => (host === null || x.host === host) && (binary === null || x.binary === binary));
      return ok({ services: list.map((x) => view(ctx, x)) });
    }),
    route(ctx, "PUT", "/os-services/:service_id", (req, s) => {
      requireAdmin(s, "service:update");
      const service = SERVICES.find((x) => String(x.id) === req.params.service_id);
      if (!service) throw notFound(`Service ${req.params.service_id} could not be found.`);
      const body = wrapped({ service: req.body }, "service");
      onlyKeys(body, ["status", "disabled_reason"]);
      if (body.status !== "enabled" && body.status !== "disabled") throw badRequest("Invalid input received: status must be enabled or disabled");
      if (service.binary !== "karbor-operationengine") throw badRequest(`Invalid input received: service ${service.binary} cannot be updated; only karbor-operationengine can`);
      const reason = typeof body.disabled_reason === "string" ? body.disabled_reason : null;
      if (body.status === "enabled" && reason !== null) throw badRequest("Invalid input received: disabled_reason cannot be given when enabling a service");
      ctx.store.put(COLLECTION, { id: String(service.id), status: body.status, disabledReason: reason });
      return ok({ service: view(ctx, service) });
    }),
  ];
}
