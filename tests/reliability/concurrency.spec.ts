/**
 * Issue 6 §5: eight associations of one policy, written in parallel at the engine's default parallelism, each
 * rewriting the policy's whole server list, lose no server when they are created and when they all change in
 * one deployment (servers dropped, added and moved between them). Two stacks claiming one server: the second
 * fails with a message naming the policy that holds it, and the first keeps it.
 */
import * as assert from "node:assert/strict";
import type { TestCloud } from "../support/cloud";
import {
  BASIC_SCHEDULE,
  CsbsDirect,
  liveServers,
  scenarioStack,
  setProgram,
  startTestCloud,
  webServers,
  type EngineStack,
  type ProgramSpec,
} from "../engine/provider/scenario-support";
import { assertCloudMatchesDeclaration, matching, ONE_POLICY, requestLog, upThroughMembershipFaults } from "./reliability-support";
import { admin } from "../support/cloud";

describe("concurrent writers of one policy's server list (issue 6 §5)", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let api: CsbsDirect;
  let web: string[];
  let first: EngineStack;
  let second: EngineStack | undefined;

  /** One policy, eight associations of eight servers each (64: the most a policy holds). */
  const initial = (): string[][] => Array.from({ length: 8 }, (_, i) => web.slice(i * 8, i * 8 + 8));
  const spec = (lists: string[][]): ProgramSpec => ({
    policies: [
      {
        resource: "shared",
        args: { name: "shared-by-eight", schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } },
        associations: lists.map((serverIds, i) => ({ resource: `part-${i}`, serverIds })),
      },
    ],
  });

  before(async () => {
    cloud = await startTestCloud();
    api = await CsbsDirect.login(cloud);
    web = webServers(cloud, 80);
    first = await scenarioStack(cloud, "concurrency", spec(initial()));
  });
  after(async () => {
    first?.dispose();
    second?.dispose();
    await cloud?.close();
  });

  it("creates eight associations of one policy in parallel without losing a server", async () => {
    await admin(cloud, "DELETE", "/requests");
    const up = await first.up();
    assert.equal(up.code, 0, up.output.slice(-3000));
    await assertCloudMatchesDeclaration(first, api, spec(initial()));
    const puts = matching(await requestLog(cloud), "PUT", ONE_POLICY).length;
    assert.ok(puts >= 1 && puts < 8, `the eight creates were gathered into fewer writes of the list than associations: ${puts} PUTs`);
  });

  it("8 associations of one policy changed at once: exactly one GET and one PUT of that policy in the local cloud's request log", async () => {
    const lists = initial().map((list) => list.slice(0, 7));
    setProgram(first, spec(lists));
    const [policy] = await api.policies();
    await admin(cloud, "DELETE", "/requests");
    const up = await first.up();
    assert.equal(up.code, 0, up.output.slice(-3000));
    const log = await requestLog(cloud);
    const ofPolicy = new RegExp(`/policies/${policy!.id}$`);
    const described = log.map((r) => `${r.method} ${r.path}`).join("\n");
    assert.equal(matching(log, "GET", ofPolicy).length, 1, `one read of the policy for all eight:\n${described}`);
    assert.equal(matching(log, "PUT", ofPolicy).length, 1, `one write of the policy for all eight:\n${described}`);
    await assertCloudMatchesDeclaration(first, api, spec(lists));
  });

  it("changes all eight in one deployment (drops, additions, a move between two of them) without losing a server", async () => {
    const lists = initial().map((list, i) => [...list.slice(1), web[64 + i]!]);
    // part-0 gives its second server to part-1 (a move inside the deployment): 7 + 9 + 6·8 = 64.
    const moved = lists[0]!.shift()!;
    lists[1]!.push(moved);
    setProgram(first, spec(lists));
    const up = await first.up();
    assert.equal(up.code, 0, up.output.slice(-3000));
    await assertCloudMatchesDeclaration(first, api, spec(lists));
    const [policy] = await api.policies();
    assert.equal(liveServers(policy!).length, 64);
    for (const dropped of initial().map((l) => l[0]!)) assert.ok(!liveServers(policy!).includes(dropped), `dropped server ${dropped} left the policy`);
  });

  it("changes all eight back under faults (a lost PUT answer, a reset PUT, a 503 read) without losing a server", async () => {
    setProgram(first, spec(initial()));
    const up = await upThroughMembershipFaults(cloud, first, 18);
    assert.equal(up.code, 0, up.output.slice(-3000));
    await assertCloudMatchesDeclaration(first, api, spec(initial()));
    const [policy] = await api.policies();
    assert.deepEqual(liveServers(policy!).sort(), initial().flat().sort());
  });

  it("refuses a second stack's claim on a held server with a message naming the holder, and the first keeps it", async () => {
    const [held] = await api.policies();
    const claimed = liveServers(held!)[0]!;
    second = await scenarioStack(cloud, "concurrency-rival", {
      policies: [
        {
          resource: "rival",
          args: { name: "rival-policy", schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } },
          associations: [{ resource: "rival-servers", serverIds: [claimed, web[79]!] }],
        },
      ],
    });
    const up = await second.up();
    assert.notEqual(up.code, 0, "the rival stack fails");
    assert.match(up.output, new RegExp(`${claimed}.*already in policy "shared-by-eight"`), up.output.slice(-3000));
    assert.match(up.output, /takeOver: true/, "the message says how to move it deliberately");

    const after = await api.policy(held!.id);
    assert.ok(liveServers(after).includes(claimed), "the first stack's policy still holds the server");
    assert.equal(liveServers(after).length, 64);
    for (const p of await api.policies()) if (p.id !== held!.id) assert.ok(!liveServers(p).includes(claimed), `${p.name} did not get the server`);
    const quiet = await first.preview(["--refresh", "--expect-no-changes"]);
    assert.equal(quiet.code, 0, `the first stack sees no drift:\n${quiet.output.slice(-2000)}`);
  });
});
