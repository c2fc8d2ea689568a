/**
 * The BackupPolicy hooks, called in-process as the engine calls them, against a real local cloud: the ownership
 * marker on every created policy, hidden from tags and kept through tag updates, and the recovery of a policy
 * whose create reached the cloud but never the state (the engine then calls check and create again).
 */
import * as assert from "node:assert/strict";
import { OWNER_TAG_KEY } from "../../../provider/backends/ownership-marker";
import { check, create, diff, read, update } from "../../../provider/hooks/policy-hooks";
import { providerRuntime } from "../../../provider/runtime/provider-runtime";
import type { TestCloud } from "../../support/cloud";
import type { CsbsDirect } from "../../engine/provider/scenario-support";
import { checkedInputs, startHooksCloud, stopHooksCloud, type LoggedRequest, type Props } from "./support/hooks-cloud";

const MINE = "0123456789abcdef0123456789abcdef";
const THEIRS = "fedcba9876543210fedcba9876543210";

/** What the SDK sends for a BackupPolicy with an explicit name. */
function program(extra: Props = {}): Props {
  return {
    __resourceName: "daily",
    __autoNamed: false,
    __owner: MINE,
    name: "daily-web",
    schedule: { times: ["02:00"], weekdays: ["MO"] },
    retention: { maxBackups: 7 },
    tags: { team: "web" },
    ...extra,
  };
}

describe("BackupPolicy ownership marker and interrupted creates (hooks against a local cloud)", function () {
  this.timeout(60_000);
  let cloud: TestCloud;
  let api: CsbsDirect;
  let requests: () => Promise<LoggedRequest[]>;

  beforeEach(async () => {
    ({ cloud, api, requests } = await startHooksCloud());
  });
  afterEach(() => stopHooksCloud(cloud));

  /** check as the engine calls it for a resource not in state; fails the test on failures. */
  const checked = (news: Props): Promise<Props> => checkedInputs(check, news);

  const liveTags = async (id: string) => Object.fromEntries(((await api.policy(id)).tags ?? []).map((t) => [t.key, t.value]));
  const posts = async () => (await requests()).filter((r) => r.method === "POST" && /\/policies$/.test(r.path));

  it("writes the marker as a tag, hides it from outputs, refresh and diff, and keeps it through a tag update", async () => {
    const inputs = await checked(program());
    const created = await create(inputs as never);
    assert.deepEqual(created.outs.tags, { team: "web" });
    assert.deepEqual(await liveTags(created.id), { team: "web", [OWNER_TAG_KEY]: MINE });

    const refreshed = await read(created.id, created.outs);
    assert.deepEqual(refreshed.props?.tags, { team: "web" });
    assert.deepEqual(refreshed.inputs?.tags, { team: "web" });
    assert.equal(JSON.stringify(refreshed).includes(OWNER_TAG_KEY), false, "refresh never mentions the marker");
    assert.equal((await diff(created.id, refreshed.props!, inputs)).changes, false);

    const retagged = await checked(program({ tags: { tier: "1" } }));
    const updated = await update(created.id, created.outs, retagged as never);
    assert.deepEqual(updated.outs?.tags, { tier: "1" });
    assert.deepEqual(await liveTags(created.id), { tier: "1", [OWNER_TAG_KEY]: MINE });
  });

  it("fails 10 user tags in check with the limit of 9 and its reason, once", async () => {
    const tags = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, "v"]));
    const result = await check({}, program({ tags }));
    assert.equal(result.inputs, undefined);
    assert.deepEqual(result.failures?.map((f) => f.property), [""]);
    assert.match(result.failures![0].reason, /^`tags` has 10 tags: a policy takes at most 9 here, .*pulumi-csbs-owner/);
  });

  it("takes over its own policy left by an interrupted create with an explicit name: one POST, declared state", async () => {
    const first = await create((await checked(program())) as never);
    // The engine never recorded `first`; the user meanwhile edited the description. Next `up`: check and create again.
    providerRuntime().deployment.clear();
    const again = await checked(program({ description: "after the crash" }));
    const second = await create(again as never);
    assert.equal(second.id, first.id);
    assert.equal((await posts()).length, 1, "one POST in all");
    assert.equal((await api.policies()).length, 1);
    assert.equal((await api.policy(first.id)).description, "after the crash");
  });

  it("refuses a policy of the declared name that carries another resource's marker, in check and in create", async () => {
    await create((await checked(program({ __owner: THEIRS }))) as never);
    providerRuntime().deployment.clear();
    const result = await check({}, program());
    assert.deepEqual(result.failures?.map((f) => f.property), [""]);
    assert.match(result.failures![0].reason, /^`name` is "daily-web", already used by policy .*ownership marker is not this resource's.*`adopt: true`/);
    // create on its own (e.g. a check result from before the other policy appeared) refuses too.
    await assert.rejects(create({ ...program(), description: "", enabled: true, adopt: false, pattern: "" } as never), /BackupPolicy "daily": `name` is "daily-web", already used/);
    assert.equal((await posts()).length, 1);
  });

  it("adopt takes over an unmarked policy that matches and marks it as this resource's", async () => {
    const outside = await api.createPolicy("daily-web");
    const weekly = { times: ["03:00"], weekdays: ["SU"] };
    const adopted = await create((await checked(program({ adopt: true, tags: {}, schedule: weekly, retention: { maxBackups: 3 } }))) as never);
    assert.equal(adopted.id, outside.id);
    assert.deepEqual(adopted.outs.tags, {});
    assert.deepEqual(await liveTags(outside.id), { [OWNER_TAG_KEY]: MINE });
  });
});
