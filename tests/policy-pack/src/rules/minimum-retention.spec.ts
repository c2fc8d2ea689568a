import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../provider/domain";
import { minimumRetention } from "../../../../policy-pack/src/rules/minimum-retention";
import { runResourceRule } from "../rule-harness";

const twiceADay = { times: ["02:00", "14:00"] };
const run = (props: Record<string, unknown>, config: Record<string, unknown>) => runResourceRule(minimumRetention, { name: "p", props: { schedule: twiceADay, ...props } }, config);

describe("csbs-minimum-retention", () => {
  it("compares a count with minBackups, and converts it to days with the schedule's runs a day for minDays", async () => {
    assert.deepEqual((await run({ retention: { maxBackups: 5 } }, { minBackups: 7 })).violations, [
      'BackupPolicy "p" keeps 5 backups (retention.maxBackups) and the minimum is 7: set maxBackups to 7 or more',
    ]);
    assert.deepEqual((await run({ retention: { maxBackups: 14 } }, { minDays: 10 })).violations, [
      'BackupPolicy "p" keeps 14 backups at 2 runs a day (retention.maxBackups), about 7 days, and the minimum is 10 days: set maxBackups to 20 or more, or use { maxAgeDays: 10 }',
    ]);
    assert.deepEqual((await run({ retention: { maxBackups: 20 } }, { minDays: 10, minBackups: 20 })).violations, []);
  });

  it("compares an age with minDays, and converts it to backups for minBackups", async () => {
    assert.deepEqual((await run({ retention: { maxAgeDays: 3 } }, { minDays: 7 })).violations, [
      'BackupPolicy "p" keeps backups 3 days (retention.maxAgeDays) and the minimum is 7: set maxAgeDays to 7 or more',
    ]);
    assert.match((await run({ retention: { maxAgeDays: 3 } }, { minBackups: 10 })).violations[0] ?? "", /about 6 backups, and the minimum is 10 backups: set maxAgeDays to 5 or more/);
  });

  it("lets permanent retention and long-term counts that span minDays comply", async () => {
    assert.deepEqual((await run({ retention: { permanent: true } }, { minBackups: 100, minDays: 365 })).violations, []);
    const longTerm = { maxBackups: 2, longTerm: { daily: 0, weekly: 0, monthly: 2, yearly: 0 } };
    assert.deepEqual((await run({ retention: longTerm }, { minDays: 56 })).violations, []);
    assert.equal((await run({ retention: longTerm }, { minDays: 57 })).violations.length, 1);
  });

  it("reports a config with neither minimum, and unknown retention or schedule as not known yet", async () => {
    assert.match((await run({ retention: { maxBackups: 1 } }, {})).violations[0] ?? "", /config sets neither minBackups nor minDays/);
    assert.match((await run({ retention: UNKNOWN }, { minBackups: 1 })).unknown ?? "", /^retention of BackupPolicy "p"/);
    assert.match((await run({ retention: { maxBackups: 1 }, schedule: UNKNOWN }, { minDays: 1 })).unknown ?? "", /^schedule of BackupPolicy "p", which decides how long its retention lasts/);
  });
});
