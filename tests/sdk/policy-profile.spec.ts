import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { BackupPolicy } from "../../sdk/backup-policy";
import { PolicyAssociation } from "../../sdk/policy-association";
import { policyProfileOf } from "../../sdk/policy-profile";
import { registeredInputsPerSuite, registeredOf } from "./registered-inputs";

const SCHEDULE = { times: ["02:00"] };
const isPolicy = (r: unknown) => BackupPolicy.isInstance(r);

describe("the profile an association takes from its policy", () => {
  const registered = registeredInputsPerSuite();

  it("is the profile of the BackupPolicy whose id the association is given, also through a derived Output", () => {
    const policy = new BackupPolicy("paris-daily", { profile: "paris", schedule: SCHEDULE, retention: { maxBackups: 7 } });
    assert.equal(policyProfileOf(policy.id, isPolicy), "paris");
    assert.equal(policyProfileOf(policy.id.apply((id) => `${id}`), isPolicy), "paris");
  });

  it("is \"\" for a BackupPolicy without profile, and none for a literal id or an Output of something else", () => {
    const policy = new BackupPolicy("stack-wide", { schedule: SCHEDULE, retention: { maxBackups: 7 } });
    assert.equal(policyProfileOf(policy.id, isPolicy), "");
    assert.equal(policyProfileOf("6f1c2b9e-0000-4000-8000-000000000abc", isPolicy), undefined);
    assert.equal(policyProfileOf(pulumi.output("p-literal"), isPolicy), undefined);
  });

  it("travels to the provider as the hidden __policyProfile beside the association's own profile", async () => {
    const policy = new BackupPolicy("ams-daily", { profile: "amsterdam", schedule: SCHEDULE, retention: { maxBackups: 7 } });
    const association = new PolicyAssociation("ams-web", { policyId: policy.id, serverIds: ["6f1c2b9e-0000-4000-8000-000000000abd"] });
    await registeredOf(association);
    const inputs = registered.get("ams-web")!;
    assert.equal(inputs.__policyProfile, "amsterdam");
    assert.equal(inputs.profile, undefined, "the provider fills the profile in from the policy's");
    assert.equal(registered.get("ams-daily")!.profile, "amsterdam");
  });
});
