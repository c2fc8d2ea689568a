import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../provider/domain";
import { runWindow } from "../../../../policy-pack/src/rules/run-window";
import { runResourceRule } from "../rule-harness";

const run = (schedule: unknown, config: Record<string, unknown>) => runResourceRule(runWindow, { name: "p", props: { schedule } }, config);

describe("csbs-run-window", () => {
  it("names the runs outside the window in the window's zone, and passes runs inside it, ends included", async () => {
    const out = await run({ times: ["02:00", "07:30"] }, { from: "00:00", to: "06:00" });
    assert.deepEqual(out.violations, [
      'BackupPolicy "p" runs at 07:30 UTC (schedule.times ["02:00","07:30"] in UTC): backups may run only from 00:00 to 06:00 UTC; move its run times into that window',
    ]);
    assert.deepEqual((await run({ times: ["00:00", "06:00"] }, { from: "00:00", to: "06:00" })).violations, []);
  });

  it("takes a window that wraps midnight, and judges a schedule of another zone by when it really runs", async () => {
    assert.deepEqual((await run({ times: ["23:00", "03:00"] }, { from: "22:00", to: "04:00" })).violations, []);
    const other = await run({ times: ["05:00"], timezone: "UTC+08:00" }, { from: "00:00", to: "06:00" });
    assert.match(other.violations[0] ?? "", /runs at 21:00 UTC/);
  });

  it("reports a config it cannot read, and an unknown schedule as not known yet", async () => {
    assert.match((await run({ times: ["02:00"] }, { from: "00:00" })).violations[0] ?? "", /^csbs-run-window config needs both from and to; write it under/);
    assert.match((await run({ times: ["02:00"] }, { from: "25:00", to: "06:00" })).violations[0] ?? "", /^csbs-run-window config from is "25:00"/);
    assert.match((await run(UNKNOWN, { from: "00:00", to: "06:00" })).unknown ?? "", /of BackupPolicy "p": not known until the update/);
  });
});
