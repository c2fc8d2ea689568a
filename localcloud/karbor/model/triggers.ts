/**
 * Karbor `time` triggers: properties checked as Karbor's time trigger does (start_time format, end after start,
 * window 900–1800 s, the calendar pattern and its 3600 s interval over the whole cycle), stored as strings.
 */
import type { CloudContext } from "../../core/contracts";
import { newId } from "../../core/ids";
import { parseTriggerTime, triggerTime } from "../../csbs/model/time";
import { badRequest, isUuidLike, karborFault, NOT_FOUND } from "../faults";
import { readKarborPattern } from "./pattern";
import { syncPlanSchedule } from "./sync";
import { KARBOR, type KarborOperationRecord, type KarborTriggerRecord } from "./types";

export const MIN_WINDOW = 900;
export const MAX_WINDOW = 1800;

const PROPERTY_KEYS = ["format", "pattern", "start_time", "end_time", "window"];

/** Checks a properties object (shape, as Karbor's JSON schema, then the time trigger's rules); returns strings. */
export function checkProperties(raw: unknown, now: Date, requireFormat: boolean): Record<string, string> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw badRequest(`Invalid input for field/attribute properties. Value: ${JSON.stringify(raw)}. ${JSON.stringify(raw)} is not of type 'object'`);
  }
  const p = raw as Record<string, unknown>;
  const extra = Object.keys(p).filter((k) => !PROPERTY_KEYS.includes(k));
  if (extra.length > 0) throw badRequest(`Additional properties are not allowed (${extra.map((k) => `'${k}'`).join(", ")} ${extra.length === 1 ? "was" : "were"} unexpected)`);
  for (const key of requireFormat ? ["format", "pattern"] : ["pattern"]) {
    if (p[key] === undefined) throw badRequest(`'${key}' is a required property`);
  }
  for (const key of ["format", "pattern", "start_time", "end_time"]) {
    if (p[key] !== undefined && typeof p[key] !== "string") {
      throw badRequest(`Invalid input for field/attribute ${key}. Value: ${JSON.stringify(p[key])}. ${JSON.stringify(p[key])} is not of type 'string'`);
    }
  }
  if (p.window !== undefined && !Number.isInteger(p.window)) {
    throw badRequest(`Invalid input for field/attribute window. Value: ${JSON.stringify(p.window)}. ${JSON.stringify(p.window)} is not of type 'integer'`);
  }
  let start = new Date(Math.floor(now.getTime() / 1000) * 1000);
  if (p.start_time !== undefined) {
    const parsed = parseTriggerTime(p.start_time as string);
    if (!parsed) throw badRequest("The format of trigger start_time is not correct");
    start = parsed;
  }
  const out: Record<string, string> = {};
  if (p.format !== undefined) out.format = p.format as string;
  out.start_time = triggerTime(start);
  if (p.end_time !== undefined) {
    const end = parseTriggerTime(p.end_time as string);
    if (!end) throw badRequest("The format of trigger end_time is not correct");
    if (end.getTime() <= start.getTime()) {
      throw badRequest(`The trigger's start time(${out.start_time}) is bigger than end time(${triggerTime(end)})`);
    }
    out.end_time = triggerTime(end);
  }
  const window = p.window === undefined ? MIN_WINDOW : (p.window as number);
  if (window < MIN_WINDOW || window > MAX_WINDOW) throw badRequest(`The trigger windows ${window} must be between ${MIN_WINDOW} and ${MAX_WINDOW}`);
  out.window = String(window);
  const read = readKarborPattern(p.pattern, start);
  if (!read.ok) throw badRequest(read.message);
  out.pattern = p.pattern as string;
  return out;
}

export function getTrigger(ctx: CloudContext, projectId: string | undefined, id: string): KarborTriggerRecord {
  if (!isUuidLike(id)) throw badRequest("Invalid trigger id provided.");
  const t = ctx.store.get(KARBOR.triggers, id);
  if (!t || (projectId !== undefined && t.projectId !== projectId)) throw NOT_FOUND.trigger(id);
  return t;
}

export function createTrigger(ctx: CloudContext, projectId: string, name: string, type: string, properties: unknown): KarborTriggerRecord {
  if (type !== "time") throw badRequest(`Invalid input received: Invalid trigger type: ${type}; the only trigger type is "time"`);
  const now = ctx.clock.now();
  const trigger: KarborTriggerRecord = {
    id: newId(), projectId, name, type, properties: checkProperties(properties, now, true), createdAt: now.toISOString(),
  };
  ctx.store.put(KARBOR.triggers, trigger);
  return trigger;
}

function usersOf(ctx: CloudContext, triggerId: string): KarborOperationRecord[] {
  return ctx.store.list(KARBOR.operations).filter((o) => o.triggerId === triggerId);
}

/** `properties` replaces the whole set and must carry start_time; the plans it drives are rescheduled. */
export function updateTrigger(ctx: CloudContext, trigger: KarborTriggerRecord, name: string | undefined, properties: unknown): KarborTriggerRecord {
  const next: KarborTriggerRecord = { ...trigger };
  if (name !== undefined) next.name = name;
  const given = typeof properties === "object" && properties !== null && Object.keys(properties).length > 0;
  if (given) {
    if ((properties as Record<string, unknown>).start_time === undefined) throw badRequest("start_time should be supplied");
    next.properties = checkProperties(properties, ctx.clock.now(), false);
  } else if (properties !== undefined && properties !== null && typeof properties !== "object") {
    checkProperties(properties, ctx.clock.now(), false);
  }
  ctx.store.put(KARBOR.triggers, next);
  for (const op of usersOf(ctx, trigger.id)) syncPlanSchedule(ctx, String(op.definition.plan_id));
  return next;
}

export function deleteTrigger(ctx: CloudContext, trigger: KarborTriggerRecord): void {
  if (usersOf(ctx, trigger.id).length > 0) throw karborFault(424, "Trigger is being used by one or more operations");
  ctx.store.delete(KARBOR.triggers, trigger.id);
}
