import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { check as checkAssociation } from "../../provider/hooks/association-hooks";
import { BackupPolicy } from "../../sdk/backup-policy";
import { PolicyAssociation } from "../../sdk/policy-association";
import { registeredInputsPerSuite, registeredOf } from "./registered-inputs";

const id = (n: number) => `00000000-0000-4000-8000-${String(9000 + n).padStart(12, "0")}`;
const args = { schedule: { times: ["02:00"] }, retention: { maxBackups: 7 } };

describe("the SDK's stack pass (stack rules over the whole program)", () => {
  const registered = registeredInputsPerSuite();
  const registeredInputs = async (resource: pulumi.Resource, name: string): Promise<Record<string, unknown>> => {
    await registeredOf(resource);
    return registered.get(name) ?? {};
  };

  it("marks every association sharing a server, and only those; check then points at the program's report", async () => {
    const policy = new BackupPolicy("pass-daily", args);
    const a = new PolicyAssociation("pass-a", { policyId: policy.id, serverIds: [id(1), id(2)] });
    const b = new PolicyAssociation("pass-b", { policyId: policy.id, serverIds: [id(2).toUpperCase(), id(3)] });
    const c = new PolicyAssociation("pass-c", { policyId: policy.id, serverIds: [id(4)] });
    const [ia, ib, ic, ip] = await Promise.all([registeredInputs(a, "pass-a"), registeredInputs(b, "pass-b"), registeredInputs(c, "pass-c"), registeredInputs(policy, "pass-daily")]);
    assert.deepEqual(ia.__stackRulesReported, ["csbs-server-in-one-policy"]);
    assert.deepEqual(ib.__stackRulesReported, ["csbs-server-in-one-policy"]);
    assert.equal("__stackRulesReported" in ic, false);
    assert.equal("__stackRulesReported" in ip, false);
    const { failures } = await checkAssociation({}, ib);
    assert.deepEqual(failures?.map((f) => f.reason), [
      "the program reported above that this resource breaks csbs-server-in-one-policy together with other resources of the stack (the errors starting with csbs-server-in-one-policy); fix them and run again",
    ]);
  });

  it("sees associations constructed after an await together with the earlier ones", async () => {
    const first = new PolicyAssociation("pass-early", { policyId: "6f1c2b9e-0000-4000-8000-000000000abc", serverIds: [id(10)] });
    assert.equal("__stackRulesReported" in (await registeredInputs(first, "pass-early")), false);
    const later = new PolicyAssociation("pass-late", { policyId: "6f1c2b9e-0000-4000-8000-000000000def", serverIds: [id(10)] });
    assert.deepEqual((await registeredInputs(later, "pass-late")).__stackRulesReported, ["csbs-server-in-one-policy"]);
  });

  it("tells a BackupPolicy that an association of the program fills it, and not one that no association names", async () => {
    const filled = new BackupPolicy("pass-filled", args);
    const lonely = new BackupPolicy("pass-lonely", args);
    const member = new PolicyAssociation("pass-member", { policyId: filled.id, serverIds: [id(30)] });
    // An association constructed once the program has moved on (after the policies' pass) is not counted.
    await registeredOf(member);
    const late = new PolicyAssociation("pass-late-member", { policyId: lonely.id, serverIds: [id(31)] });
    const [ifilled, ilonely] = await Promise.all([registeredInputs(filled, "pass-filled"), registeredInputs(lonely, "pass-lonely"), registeredInputs(late, "pass-late-member")]);
    assert.equal(ifilled.__usedByAssociation, true);
    assert.equal("__usedByAssociation" in ilonely, false);
  });

  it("leaves server ids that are outputs to the provider's check", async () => {
    const x = new PolicyAssociation("pass-out-x", { policyId: "6f1c2b9e-0000-4000-8000-000000000abc", serverIds: [pulumi.output(id(20))] });
    const y = new PolicyAssociation("pass-out-y", { policyId: "6f1c2b9e-0000-4000-8000-000000000abc", serverIds: [id(20)] });
    const [ix, iy] = await Promise.all([registeredInputs(x, "pass-out-x"), registeredInputs(y, "pass-out-y")]);
    assert.equal("__stackRulesReported" in ix, false);
    assert.equal("__stackRulesReported" in iy, false);
  });

  it("tells each association how many associations of the program share its policy (none when the policy is not the program's to know)", async () => {
    const policy = new BackupPolicy("pass-shared", args);
    const parts = [0, 1, 2].map((i) => new PolicyAssociation(`pass-shared-${i}`, { policyId: policy.id, serverIds: [id(20 + i)] }));
    const byId = new PolicyAssociation("pass-by-id", { policyId: "6f1c2b9e-0000-4000-8000-000000000123", serverIds: [id(30)] });
    const elsewhere = new PolicyAssociation("pass-elsewhere", { policyId: pulumi.output("6f1c2b9e-0000-4000-8000-000000000456"), serverIds: [id(31)] });
    const inputs = await Promise.all([
      ...parts.map((p, i) => registeredInputs(p, `pass-shared-${i}`)),
      registeredInputs(byId, "pass-by-id"),
      registeredInputs(elsewhere, "pass-elsewhere"),
    ]);
    assert.deepEqual(inputs.map((i) => i.__associationsOfPolicy), [3, 3, 3, 1, undefined]);
    assert.equal("__associationsOfPolicy" in inputs[4]!, false);
  });
});
