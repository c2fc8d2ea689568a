import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../provider/domain";
import { requiredTags } from "../../../../policy-pack/src/rules/required-tags";
import { runResourceRule } from "../rule-harness";

describe("csbs-required-tags", () => {
  it("names the missing keys and the tags present, with the fix", async () => {
    const { violations } = await runResourceRule(requiredTags, { name: "daily", props: { tags: { team: "web" } } }, { keys: ["team", "cost-centre", "env"] });
    assert.deepEqual(violations, [
      'BackupPolicy "daily" has tags { team } without "cost-centre", "env": every backup policy must carry the tag keys "team", "cost-centre", "env"; add tags: { cost-centre: "…", env: "…" }',
    ]);
  });

  it("passes when every key is there (spaces around keys ignored), and reports no tags as {}", async () => {
    assert.deepEqual(await runResourceRule(requiredTags, { name: "d", props: { tags: { " team ": "web" } } }, { keys: ["team"] }), { violations: [] });
    const none = await runResourceRule(requiredTags, { name: "d", props: {} }, { keys: ["team"] });
    assert.match(none.violations[0] ?? "", /has tags \{\} without "team"/);
  });

  it("reports a config without keys, and unknown tags as not known yet", async () => {
    const empty = await runResourceRule(requiredTags, { name: "d", props: { tags: {} } }, {});
    assert.match(empty.violations[0] ?? "", /^csbs-required-tags is on but its config lists no keys/);
    const unknown = await runResourceRule(requiredTags, { name: "d", props: { tags: UNKNOWN } }, { keys: ["team"] });
    assert.deepEqual(unknown.violations, []);
    assert.match(unknown.unknown ?? "", /^tags of BackupPolicy "d"/);
  });
});
