import * as assert from "node:assert/strict";
import type { PolicySpec } from "../../../provider/backends/policy-backend";
import { createBody, updateBody } from "../../../provider/backends/csbs-wire-mapping";
import type { CsbsPolicy } from "../../../provider/wire/csbs";

const PATTERN = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=0;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
const LONG = { daily: 7, weekly: 4, monthly: 3, yearly: 0 };

function spec(o: Partial<PolicySpec> = {}): PolicySpec {
  return { name: "gfs", description: "", enabled: true, pattern: PATTERN, retention: { maxBackups: 3 }, tags: {}, ...o };
}

/** A live policy as CSBS returns it: string-typed retention, and never the long-term fields. */
function live(maxBackups = "3"): CsbsPolicy {
  return {
    id: "p", name: "gfs", description: "", status: "suspended", resources: [], tags: [],
    scheduled_operations: [{
      id: "op", name: "default", enabled: true, operation_type: "backup",
      operation_definition: { max_backups: maxBackups, retention_duration_days: "-1", permanent: "False" },
      trigger: { properties: { pattern: PATTERN } },
    }],
  } as unknown as CsbsPolicy;
}

describe("CSBS wire mapping of long-term retention", () => {
  it("sends the four counts and the zone on create", () => {
    const def = createBody(spec({ retention: { maxBackups: 3, longTerm: LONG }, longTermZone: "UTC+01:00" })).policy.scheduled_operations[0]!.operation_definition;
    assert.deepEqual(def, { max_backups: 3, retention_duration_days: -1, permanent: false, day_backups: 7, week_backups: 4, month_backups: 3, year_backups: 0, timezone: "UTC+01:00" });
  });

  it("sends none of them without long-term retention", () => {
    const def = createBody(spec()).policy.scheduled_operations[0]!.operation_definition;
    assert.deepEqual(Object.keys(def ?? {}).sort(), ["max_backups", "permanent", "retention_duration_days"]);
  });

  it("writes the counts on every update that declares them, since the live policy never shows them", () => {
    const body = updateBody(spec({ retention: { maxBackups: 3, longTerm: LONG }, longTermZone: "UTC+02:00" }), live());
    const def = body?.policy.scheduled_operations?.[0]?.operation_definition;
    assert.equal(def?.timezone, "UTC+02:00");
    assert.equal(def?.day_backups, 7);
  });

  it("switches them off with zero counts when an update removes them, and leaves a policy that never had them alone", () => {
    const ops = updateBody(spec({ clearLongTerm: true }), live())?.policy.scheduled_operations;
    const off = ops?.[0]?.operation_definition;
    assert.deepEqual(off && [off.day_backups, off.week_backups, off.month_backups, off.year_backups], [0, 0, 0, 0]);
    assert.equal(updateBody(spec(), live()), undefined);
  });
});
