/** Builders shared by the property tests of the live rules. */
import type { PolicyRecord } from "../../../provider/backends/policy-backend";

export const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export function livePolicy(id: string, name: string, serverIds: string[] = []): PolicyRecord {
  return {
    id,
    name,
    description: "",
    enabled: true,
    pattern: "",
    serverIds,
    tags: {},
    status: "suspended",
    createdAt: "",
    projectId: "p",
    retention: { maxBackups: 7, retentionDurationDays: -1, permanent: false },
  };
}

/** Freezes a value and everything in it, so a rule that mutates its inputs throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value as Record<string, unknown>)) deepFreeze(item);
  }
  return value;
}
