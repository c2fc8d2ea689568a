import * as assert from "node:assert/strict";
import { check as checkPolicy } from "../../provider/hooks/policy-hooks";
import { check as checkAssociation } from "../../provider/hooks/association-hooks";
import { BackupPolicy } from "../../sdk/backup-policy";
import { PolicyAssociation } from "../../sdk/policy-association";
import { registeredInputsPerSuite } from "./registered-inputs";

describe("the SDK resources' registered inputs", () => {
  /** The inputs the SDK registers for each resource, as the engine would receive them. */
  const registered = registeredInputsPerSuite();

  it("carry a misspelt input from JavaScript on to check, which rejects it by name", async () => {
    const args = { schedule: { times: ["02:00"] }, retention: { maxBackups: 7 }, retenton: { maxBackups: 9 } };
    const policy = new BackupPolicy("daily", args as unknown as ConstructorParameters<typeof BackupPolicy>[1]);
    await new Promise<void>((resolve) => policy.urn.apply(() => resolve()));
    const inputs = registered.get("daily");
    assert.deepEqual(inputs?.retenton, { maxBackups: 9 });
    // The program reported it already (see early-validation): check fails pointing there, and names it by itself too.
    assert.equal(inputs?.__inputProblemsReported, true);
    const { failures } = await checkPolicy({}, inputs ?? {});
    assert.match(failures?.[0]?.reason ?? "", /the program reported problems of this resource or of its settings above \(the errors starting with BackupPolicy "daily" or csbs:\)/);
    const { failures: own } = await checkPolicy({}, { ...inputs, __inputProblemsReported: undefined });
    assert.deepEqual(own, [
      { property: "", reason: "`retenton` is not an input of BackupPolicy: remove it (inputs are name, description, enabled, schedule, retention, tags, adopt, profile)" },
    ]);
  });

  it("carry an unknown association input on to check too", async () => {
    const args = { policyId: "6f1c2b9e-0000-4000-8000-000000000abc", serverIds: ["00000000-0000-4000-8000-000000000001"], takeover: true };
    const association = new PolicyAssociation("web", args as unknown as ConstructorParameters<typeof PolicyAssociation>[1]);
    await new Promise<void>((resolve) => association.urn.apply(() => resolve()));
    const { failures } = await checkAssociation({}, { ...registered.get("web"), __inputProblemsReported: undefined });
    assert.deepEqual(failures?.map((f) => f.reason), ["`takeover` is not an input of PolicyAssociation: remove it (inputs are policyId, serverIds, serverSelector, allowEmpty, takeOver, profile)"]);
  });
});
