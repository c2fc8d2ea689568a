/** The admin knobs of the data-protection service, stored so a restart keeps them. */
import type { Store } from "../../core/contracts";
import { COLLECTIONS, CsbsSettings } from "./types";

/** Defaults keep tests fast: backups finish at once in clock time, deletions within a second. */
export const DEFAULT_SETTINGS: CsbsSettings = {
  id: "settings",
  creatingSeconds: 0,
  protectSeconds: 0,
  deleteSeconds: 1,
  restoreSeconds: 0,
  failResourceIds: [],
  failReasons: {},
  failPolicyNames: [],
  listDelaySeconds: 0,
};

export function getSettings(store: Store): CsbsSettings {
  return { ...DEFAULT_SETTINGS, ...(store.get(COLLECTIONS.settings, "settings") ?? {}) };
}

/** Merges a partial update; returns the problem with the first bad field, or the new settings. */
export function updateSettings(store: Store, patch: unknown): CsbsSettings | string {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return "the body must be a JSON object of settings";
  const next = getSettings(store);
  for (const [key, value] of Object.entries(patch)) {
    if (key === "failResourceIds") {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return "failResourceIds must be a list of server ids";
      next.failResourceIds = value as string[];
    } else if (key === "failPolicyNames") {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return "failPolicyNames must be a list of policy names";
      next.failPolicyNames = value as string[];
    } else if (key === "failReasons") {
      if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.values(value).every((v) => typeof v === "string")) {
        return "failReasons must be an object of server id → reason text";
      }
      next.failReasons = { ...(value as Record<string, string>) };
    } else if (key === "creatingSeconds" || key === "protectSeconds" || key === "deleteSeconds" || key === "restoreSeconds" || key === "listDelaySeconds") {
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) return `${key} must be a number of seconds >= 0`;
      next[key] = value;
    } else {
      return `unknown setting ${key}; known: creatingSeconds, protectSeconds, deleteSeconds, restoreSeconds, listDelaySeconds, failResourceIds, failReasons, failPolicyNames`;
    }
  }
  store.put(COLLECTIONS.settings, next);
  return next;
}
