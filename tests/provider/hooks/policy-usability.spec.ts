/**
 * Who waits for a new policy to become usable (policy-usability.ts), with the hooks called in-process as the
 * engine calls them, against a local cloud whose policies stay `creating` until the test moves the cloud's
 * clock on: a policy an association fills ends its create at the POST; the association's write waits for it;
 * a policy no association fills waits in its own create; a policy that ends in error fails whichever hook waits.
 */
import * as assert from "node:assert/strict";
import { startHooksCloud, stopHooksCloud } from "./support/hooks-cloud";
import { PolicyUnusableError } from "../../../provider/backends/policy-backend";
import * as associations from "../../../provider/hooks/association-hooks";
import * as policies from "../../../provider/hooks/policy-hooks";
import { settleCreated, usedByAssociation, USED_BY_ASSOCIATION_KEY } from "../../../provider/hooks/policy-usability";
import { admin, type TestCloud } from "../../support/cloud";
import { livePolicy } from "./rule-support";

type Props = Record<string, unknown>;

interface Logged {
  method: string;
  path: string;
}

const declared = (name: string, extra: Props = {}): Props => ({
  __resourceName: name,
  __autoNamed: false,
  name,
  schedule: { times: ["02:00"], weekdays: ["MO"] },
  retention: { maxBackups: 7 },
  ...extra,
});

/** The cause chain's rule id of a hook's error. */
function ruleOf(err: unknown): string | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (e instanceof PolicyUnusableError) return e.rule;
  return undefined;
}

describe("who waits for a new policy to become usable (hooks against a local cloud)", function () {
  this.timeout(60_000);
  let cloud: TestCloud;
  let servers: Record<string, string>;

  beforeEach(async () => {
    ({ cloud, servers } = await startHooksCloud());
  });
  afterEach(() => stopHooksCloud(cloud));

  const log = async () => (await admin<{ requests: Logged[] }>(cloud, "GET", "/requests")).requests;
  const onePolicy = (id: string) => (r: Logged) => r.path.endsWith(`/policies/${id}`);
  const checked = async (hooks: { check(olds: Props, news: Props): Promise<{ inputs?: unknown; failures?: unknown[] }> }, news: Props): Promise<Props> => {
    const result = await hooks.check({}, news);
    assert.deepEqual(result.failures ?? [], []);
    return result.inputs as Props;
  };
  /** Resolves once `done` settles or `seen` holds of the request log, whichever first; true when `seen` held. */
  async function until(seen: (requests: Logged[]) => boolean, done: Promise<unknown>): Promise<boolean> {
    let settled = false;
    void done.then(() => (settled = true), () => (settled = true));
    for (;;) {
      if (seen(await log())) return true;
      if (settled) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("ends the create of a policy an association fills at the POST, and the association's write waits until the policy is usable", async () => {
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: 600 });
    const inputs = await checked(policies, declared("filled", { [USED_BY_ASSOCIATION_KEY]: true }));
    assert.equal(inputs[USED_BY_ASSOCIATION_KEY], true, "check passes the hint on to create");
    await admin(cloud, "DELETE", "/requests");
    const created = await policies.create(inputs as never);
    assert.equal((created.outs as Props).status, "creating", "the create reports the state it leaves");
    assert.deepEqual((await log()).filter(onePolicy(created.id)), [], "no look at the policy in its create");

    const member = await checked(associations, { __resourceName: "filled-servers", __policyRef: created.id, policyId: created.id, serverIds: [servers["web-001"]!] });
    const writing = associations.create(member as never);
    // The association looks at the policy (spaced looks) and does not write while the policy is creating.
    const looked = await until((l) => l.filter((r) => onePolicy(created.id)(r) && r.method === "GET").length >= 2, writing);
    assert.ok(looked, "the association's write looked at the policy while it was creating");
    assert.deepEqual((await log()).filter((r) => onePolicy(created.id)(r) && r.method === "PUT"), [], "no write before the policy is usable");
    await admin(cloud, "POST", "/clock", { advanceSeconds: 601 });
    await writing;
    assert.deepEqual((await log()).filter((r) => onePolicy(created.id)(r) && r.method === "PUT").length, 1);
  });

  it("waits in the create of a policy that no association of the program fills, and reports it usable", async () => {
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: 600 });
    const inputs = await checked(policies, declared("lonely"));
    assert.equal(USED_BY_ASSOCIATION_KEY in inputs, false);
    const creating = policies.create(inputs as never);
    const looked = await until((l) => l.filter((r) => r.method === "GET" && /\/policies\/[^/]+$/.test(r.path)).length >= 2, creating);
    assert.ok(looked, "the create looked at its policy while it was creating");
    await admin(cloud, "POST", "/clock", { advanceSeconds: 601 });
    assert.equal(((await creating).outs as Props).status, "suspended");
  });

  it("fails the association with policy.createFailed when the policy it waits for ends in error", async () => {
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: 1, failPolicyNames: ["doomed"] });
    const created = await policies.create((await checked(policies, declared("doomed", { [USED_BY_ASSOCIATION_KEY]: true }))) as never);
    const member = await checked(associations, { __resourceName: "doomed-servers", __policyRef: created.id, policyId: created.id, serverIds: [servers["web-002"]!] });
    await assert.rejects(associations.create(member as never), (err: unknown) => {
      assert.equal(ruleOf(err), "policy.createFailed");
      assert.match((err as Error).message, /PolicyAssociation "doomed-servers".*policy "doomed" \(.+\) ended in status "error" after its create/);
      return true;
    });
    assert.deepEqual((await log()).filter((r) => onePolicy(created.id)(r) && r.method === "PUT"), []);
  });

  it("fails the create with policy.createFailed when no association waits and the policy ends in error", async () => {
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: 1, failPolicyNames: ["doomed-alone"] });
    const inputs = await checked(policies, declared("doomed-alone"));
    await assert.rejects(policies.create(inputs as never), (err: unknown) => {
      assert.equal(ruleOf(err), "policy.createFailed");
      assert.match((err as Error).message, /BackupPolicy "doomed-alone".*ended in status "error" after its create/);
      return true;
    });
  });

  it("reads the hint only as true, and settles a usable record without asking", async () => {
    assert.deepEqual([usedByAssociation({ [USED_BY_ASSOCIATION_KEY]: true }), usedByAssociation({ [USED_BY_ASSOCIATION_KEY]: "true" }), usedByAssociation({})], [true, false, false]);
    const record = livePolicy("6f1c2b9e-0000-4000-8000-000000000001", "ready");
    let asked = 0;
    const backend = { usable: async (_id: string, seen?: typeof record) => (asked++, seen) };
    assert.equal(await settleCreated(backend, record, true), record);
    assert.equal(asked, 0, "a record an association waits for is not looked at");
    assert.equal(await settleCreated(backend, record, false), record);
    const gone = { usable: async () => undefined };
    await assert.rejects(settleCreated(gone, record, false), (err: unknown) => err instanceof PolicyUnusableError && err.rule === "policy.vanished");
  });
});
