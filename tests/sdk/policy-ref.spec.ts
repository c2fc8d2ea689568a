import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { BackupPolicy } from "../../sdk/backup-policy";
import { policyRefOf } from "../../sdk/policy-ref";
import { registeredInputsPerSuite } from "./registered-inputs";

const value = <T>(input: pulumi.Input<T>): Promise<T> => new Promise((resolve) => pulumi.output(input).apply((v) => resolve(v as T)));

describe("the key grouping associations of one policy", () => {
  registeredInputsPerSuite();

  it("is the URN of the BackupPolicy whose id the association is given", async () => {
    const policy = new BackupPolicy("daily", { schedule: { times: ["02:00"] }, retention: { maxBackups: 7 } });
    const urn = await value(policy.urn);
    assert.match(urn, /::daily$/);
    assert.equal(await value(policyRefOf(policy.id)), urn);
    assert.equal(await value(policyRefOf(policy.id.apply((id) => `${id}`))), urn, "an Output derived from the id still names the policy");
  });

  it("is the policy id itself for a literal id or an Output of no BackupPolicy", async () => {
    assert.equal(policyRefOf("6f1c2b9e-0000-4000-8000-000000000abc"), "6f1c2b9e-0000-4000-8000-000000000abc");
    assert.equal(await value(policyRefOf(pulumi.output("p-literal"))), "p-literal");
  });
});
