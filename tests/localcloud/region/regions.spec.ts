/**
 * Several regions in one local cloud: each region's endpoints serve that region's data alone (Nova, Cinder,
 * CSBS, Karbor), quotas count per region, each region's scheduler runs its own policies, and the admin API
 * reaches each region with `?region=`. Keystone stays one.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startLocalCloud, type LocalCloud } from "../../../localcloud";
import { admin, login, regionAdmin, REGION_ONE, REGION_TWO, seedServers, advanceClock, advanceAllClocks } from "../../support/cloud";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const PROVIDER_ID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";
const OS_INFRA = "cf56bd3e-97a7-4078-b6d5-f36246333fd9";
const MONDAY = "2030-01-07T00:00:00Z";
const DAILY_2 = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
const DAY = 86400;

interface Caller {
  projectId: string;
  endpoints: { csbs: string; compute: string; volume: string };
  call(method: string, url: string, body?: unknown): Promise<{ status: number; body: Json }>;
}

async function callerIn(cloud: LocalCloud, region: string, user = "demo", password = "demo", project = "demo"): Promise<Caller> {
  const s = await login(cloud, user, password, project, region);
  return {
    projectId: s.projectId,
    endpoints: { csbs: s.csbs, compute: s.compute, volume: s.volume },
    call: async (method, url, body) => {
      const res = await fetch(url, {
        method,
        headers: { "x-auth-token": s.token, "openstack-api-version": "compute 2.26", ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Json) : undefined };
    },
  };
}

function policyBody(name: string, serverIds: string[], pattern = DAILY_2): unknown {
  return {
    policy: {
      name,
      provider_id: PROVIDER_ID,
      parameters: { common: {} },
      resources: serverIds.map((id) => ({ id, type: "OS::Nova::Server", name: id })),
      scheduled_operations: [{ enabled: true, operation_type: "backup", operation_definition: { max_backups: 20 }, trigger: { properties: { pattern } } }],
    },
  };
}

async function createPolicy(c: Caller, name: string, serverIds: string[] = []): Promise<string> {
  const r = await c.call("POST", `${c.endpoints.csbs}/policies`, policyBody(name, serverIds));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.policy.id as string;
}

describe("local cloud regions: one Keystone, a data partition per region", function () {
  this.timeout(60000);
  let cloud: LocalCloud;
  let one: Caller;
  let two: Caller;
  beforeEach(async () => {
    cloud = await startLocalCloud({ port: 0, clock: { start: MONDAY } });
    one = await callerIn(cloud, REGION_ONE);
    two = await callerIn(cloud, REGION_TWO);
  });
  afterEach(async () => cloud.close());

  it("gives RegionTwo endpoints of its own under /regions/RegionTwo, for the same project and token", () => {
    assert.equal(one.endpoints.compute, `${cloud.url}/compute/v2.1`);
    assert.equal(two.endpoints.compute, `${cloud.url}/regions/RegionTwo/compute/v2.1`);
    assert.equal(two.endpoints.csbs, `${cloud.url}/regions/RegionTwo/csbs/v1/${two.projectId}`);
    assert.equal(two.endpoints.volume, `${cloud.url}/regions/RegionTwo/volume/v3/${two.projectId}`);
    assert.equal(one.projectId, two.projectId);
    assert.deepEqual(cloud.regions.map((r) => r.name), [REGION_ONE, REGION_TWO]);
  });

  it("lists the regions with their base URLs and clocks at GET /_localcloud/regions", async () => {
    await advanceAllClocks(cloud, DAY);
    const { regions } = await admin<{ regions: Array<{ name: string; url: string; now: string }> }>(cloud, "GET", "/regions");
    assert.deepEqual(regions.map((r) => [r.name, r.url]), [[REGION_ONE, cloud.url], [REGION_TWO, `${cloud.url}/regions/RegionTwo`]]);
    for (const r of regions) assert.ok(Date.parse(r.now) >= Date.parse(MONDAY) + DAY * 1000, `${r.name} moved a day`);
  });

  it("shows a server seeded in RegionTwo through RegionTwo's Nova and Cinder only, and RegionOne's servers in RegionOne only", async () => {
    const [seeded] = await seedServers(cloud, REGION_TWO, ["iso-0"]);
    const inTwo = await two.call("GET", `${two.endpoints.compute}/servers/${seeded!.id}`);
    assert.equal(inTwo.status, 200);
    assert.equal(inTwo.body.server.name, "iso-0");
    assert.equal((await one.call("GET", `${one.endpoints.compute}/servers/${seeded!.id}`)).status, 404);
    const oneNames = (await one.call("GET", `${one.endpoints.compute}/servers?limit=1000`)).body.servers.map((s: Json) => s.name);
    const twoNames = (await two.call("GET", `${two.endpoints.compute}/servers?limit=1000`)).body.servers.map((s: Json) => s.name);
    assert.ok(!oneNames.includes("iso-0") && oneNames.includes("web-000"));
    assert.ok(twoNames.includes("iso-0") && !twoNames.includes("web-000"));
    const web0 = cloud.fixtures.projects[0]!.servers.find((s) => s.name === "web-000")!;
    assert.equal((await two.call("GET", `${two.endpoints.compute}/servers/${web0.id}`)).status, 404);

    const volumes = async (c: Caller) => (await c.call("GET", `${c.endpoints.volume}/volumes/detail?limit=1000`)).body.volumes as Json[];
    const disk = (await volumes(two)).find((v) => v.name === "iso-0-disk-0");
    assert.ok(disk, "RegionTwo's Cinder lists the seeded server's disk");
    const oneIds = new Set((await volumes(one)).map((v) => v.id));
    assert.ok(!oneIds.has(disk.id), "RegionOne's Cinder does not");
    assert.equal((await one.call("GET", `${one.endpoints.volume}/volumes/${disk.id}`)).status, 404);
  });

  it("protects a RegionTwo server through RegionTwo's CSBS only: RegionOne's CSBS knows neither the server nor the policy", async () => {
    const [seeded] = await seedServers(cloud, REGION_TWO, ["iso-1"]);
    const refused = await one.call("POST", `${one.endpoints.csbs}/policies`, policyBody("in-one", [seeded!.id]));
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    const policyId = await createPolicy(two, "in-two", [seeded!.id]);
    assert.equal((await one.call("GET", `${one.endpoints.csbs}/policies/${policyId}`)).status, 404);
    const listedOne = (await one.call("GET", `${one.endpoints.csbs}/policies`)).body.policies.map((p: Json) => p.id);
    const listedTwo = (await two.call("GET", `${two.endpoints.csbs}/policies`)).body.policies.map((p: Json) => p.id);
    assert.deepEqual(listedTwo, [policyId]);
    assert.deepEqual(listedOne, []);
    // And the other way round: a RegionOne policy is not in RegionTwo.
    const oneId = await createPolicy(one, "in-one", [cloud.fixtures.projects[0]!.servers[0]!.id]);
    assert.equal((await two.call("GET", `${two.endpoints.csbs}/policies/${oneId}`)).status, 404);
  });

  it("counts the 32-policy quota per region: a 33rd policy in RegionTwo is fine, a 33rd in RegionOne is refused", async () => {
    for (let i = 0; i < 32; i++) await createPolicy(one, `p-${i}`);
    const inTwo = await two.call("POST", `${two.endpoints.csbs}/policies`, policyBody("p-32", []));
    assert.equal(inTwo.status, 200, JSON.stringify(inTwo.body));
    const inOne = await one.call("POST", `${one.endpoints.csbs}/policies`, policyBody("p-32", []));
    assert.equal(inOne.status, 400);
    assert.match(JSON.stringify(inOne.body), /CSBS\.\d+/);
  });

  it("runs the scheduled policies of both regions, each on its own clock, each backing up its own servers", async () => {
    const [r2] = await seedServers(cloud, REGION_TWO, ["sched-0"]);
    const web0 = cloud.fixtures.projects[0]!.servers[0]!.id;
    await createPolicy(one, "daily-one", [web0]);
    await createPolicy(two, "daily-two", [r2!.id]);
    await advanceClock(cloud, 3 * DAY, REGION_ONE);
    await advanceClock(cloud, 2 * DAY, REGION_TWO);
    const items = async (c: Caller) => (await c.call("GET", `${c.endpoints.csbs}/checkpoint_items?limit=100`)).body.checkpoint_items as Json[];
    const oneItems = await items(one);
    const twoItems = await items(two);
    assert.equal(oneItems.length, 3, "three daily runs in RegionOne");
    assert.equal(twoItems.length, 2, "two daily runs in RegionTwo");
    assert.ok(oneItems.every((i) => i.resource_id === web0));
    assert.ok(twoItems.every((i) => i.resource_id === r2!.id));
  });

  it("keeps Karbor plans, triggers and operations per region", async () => {
    await admin(cloud, "POST", "/fixtures", { projects: [{ name: "kproj", api: "karbor", users: [{ name: "kuser", password: "kpass" }] }] });
    const [k2] = await seedServers(cloud, REGION_TWO, ["k-0"], "kproj");
    const k1 = await seedServers(cloud, REGION_ONE, ["k-0"], "kproj");
    assert.notEqual(k1[0]!.id, k2!.id, "a name in two regions gives two ids");
    const kOne = await callerIn(cloud, REGION_ONE, "kuser", "kpass", "kproj");
    const kTwo = await callerIn(cloud, REGION_TWO, "kuser", "kpass", "kproj");
    assert.match(kTwo.endpoints.csbs, /\/regions\/RegionTwo\/karbor\/v1\//);
    const resources = [{ id: k2!.id, type: "OS::Nova::Server", name: "k-0" }];
    const protectable = async (c: Caller) =>
      ((await c.call("GET", `${c.endpoints.csbs}/protectables/OS::Nova::Server/instances`)).body.instances as Json[]).map((i) => i.id);
    assert.deepEqual(await protectable(kTwo), [k2!.id], "RegionTwo's Karbor offers RegionTwo's server");
    assert.deepEqual(await protectable(kOne), [k1[0]!.id], "RegionOne's Karbor offers RegionOne's alone");
    const plan = await kTwo.call("POST", `${kTwo.endpoints.csbs}/plans`, { plan: { name: "p", provider_id: OS_INFRA, parameters: {}, resources } });
    assert.equal(plan.status, 200, JSON.stringify(plan.body));
    const trigger = await kTwo.call("POST", `${kTwo.endpoints.csbs}/triggers`, { trigger_info: { name: "t", type: "time", properties: { format: "calendar", pattern: DAILY_2 } } });
    assert.equal(trigger.status, 200, JSON.stringify(trigger.body));
    assert.equal((await kOne.call("GET", `${kOne.endpoints.csbs}/plans/${plan.body.plan.id}`)).status, 404);
    assert.equal((await kOne.call("GET", `${kOne.endpoints.csbs}/triggers/${trigger.body.trigger_info.id}`)).status, 404);
    assert.deepEqual((await kOne.call("GET", `${kOne.endpoints.csbs}/plans`)).body.plans, []);
    assert.equal((await kTwo.call("GET", `${kTwo.endpoints.csbs}/plans`)).body.plans.length, 1);
  });

  it("speaks CSBS in RegionOne and Karbor in RegionTwo for a project whose RegionTwo block says api karbor", async () => {
    await admin(cloud, "POST", "/fixtures", {
      projects: [{ name: "mixed", users: [{ name: "muser", password: "mpass" }], servers: [{ name: "m-0" }], regions: { RegionTwo: { api: "karbor", servers: [{ name: "m-0" }] } } }],
    });
    const mOne = await callerIn(cloud, REGION_ONE, "muser", "mpass", "mixed");
    const mTwo = await callerIn(cloud, REGION_TWO, "muser", "mpass", "mixed");
    assert.equal(mOne.endpoints.csbs, `${cloud.url}/csbs/v1/${mOne.projectId}`);
    assert.equal(mTwo.endpoints.csbs, `${cloud.url}/regions/RegionTwo/karbor/v1/${mTwo.projectId}`);
    const [m1] = await seedServers(cloud, REGION_ONE, ["m-0"], "mixed");
    const [m2] = await seedServers(cloud, REGION_TWO, ["m-0"], "mixed");
    await createPolicy(mOne, "csbs-side", [m1!.id]);
    const plan = await mTwo.call("POST", `${mTwo.endpoints.csbs}/plans`, {
      plan: { name: "karbor-side", provider_id: OS_INFRA, parameters: {}, resources: [{ id: m2!.id, type: "OS::Nova::Server", name: "m-0" }] },
    });
    assert.equal(plan.status, 200, JSON.stringify(plan.body));
    assert.deepEqual((await mTwo.call("GET", `${mTwo.endpoints.csbs}/plans`)).body.plans.map((p: Json) => p.name), ["karbor-side"]);
    assert.deepEqual((await mOne.call("GET", `${mOne.endpoints.csbs}/policies`)).body.policies.map((p: Json) => p.name), ["csbs-side"]);
  });

  it("applies fault rules to the region they were posted to, matched against the path inside the region", async () => {
    await regionAdmin(cloud, REGION_TWO, "POST", "/faults", { rules: [{ path: "^/compute/", status: 503 }] });
    assert.equal((await two.call("GET", `${two.endpoints.compute}/servers`)).status, 503);
    assert.equal((await one.call("GET", `${one.endpoints.compute}/servers`)).status, 200);
    assert.deepEqual((await admin<{ rules: unknown[] }>(cloud, "GET", "/faults")).rules, [], "RegionOne has no rules");
    await regionAdmin(cloud, REGION_TWO, "DELETE", "/faults");
    assert.equal((await two.call("GET", `${two.endpoints.compute}/servers`)).status, 200);
  });

  it("moves each region's clock alone, dumps each region's state alone, and logs every request with its region", async () => {
    const before = (await admin<{ now: string }>(cloud, "GET", "/clock")).now;
    await advanceClock(cloud, DAY, REGION_TWO);
    assert.equal((await admin<{ now: string }>(cloud, "GET", "/clock")).now.slice(0, 13), before.slice(0, 13));
    assert.equal(Date.parse((await regionAdmin<{ now: string }>(cloud, REGION_TWO, "GET", "/clock")).now) - Date.parse(before) >= DAY * 1000, true);

    await seedServers(cloud, REGION_TWO, ["dump-0"]);
    const names = async (region?: string) => {
      const dump = await admin<{ collections: Record<string, Array<{ name?: string }>> }>(cloud, "GET", region ? `/state?region=${region}` : "/state");
      return { servers: dump.collections.servers!.map((s) => s.name), projects: dump.collections.projects!.length };
    };
    const dumpOne = await names();
    const dumpTwo = await names(REGION_TWO);
    assert.ok(dumpTwo.servers.includes("dump-0") && !dumpOne.servers.includes("dump-0"));
    assert.equal(dumpOne.projects, dumpTwo.projects, "Keystone's projects are in every region's dump");

    await admin(cloud, "DELETE", "/requests");
    await two.call("GET", `${two.endpoints.compute}/servers`);
    await one.call("GET", `${one.endpoints.compute}/servers`);
    const all = (await admin<{ requests: Array<{ region: string; path: string }> }>(cloud, "GET", "/requests")).requests;
    assert.deepEqual(all.map((r) => r.region), [REGION_TWO, REGION_ONE]);
    assert.equal(all[0]!.path, "/regions/RegionTwo/compute/v2.1/servers");
    const onlyTwo = (await admin<{ requests: Array<{ region: string }> }>(cloud, "GET", `/requests?region=${REGION_TWO}`)).requests;
    assert.deepEqual(onlyTwo.map((r) => r.region), [REGION_TWO]);
  });

  it("keeps every region's data and clock across a restart on the same state directory", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lc-regions-"));
    try {
      const durable = await startLocalCloud({ port: 0, stateDir: dir, clock: { start: MONDAY } });
      const [kept] = await seedServers(durable, REGION_TWO, ["kept-0"]);
      const policyId = await createPolicy(await callerIn(durable, REGION_TWO), "kept", [kept!.id]);
      await advanceClock(durable, 10 * DAY, REGION_TWO);
      const clockTwo = (await regionAdmin<{ now: string }>(durable, REGION_TWO, "GET", "/clock")).now;
      await durable.close();
      const again = await startLocalCloud({ port: 0, stateDir: dir, clock: { start: MONDAY } });
      try {
        const c = await callerIn(again, REGION_TWO);
        assert.equal((await c.call("GET", `${c.endpoints.compute}/servers/${kept!.id}`)).status, 200);
        assert.equal((await c.call("GET", `${c.endpoints.csbs}/policies/${policyId}`)).status, 200);
        const c1 = await callerIn(again, REGION_ONE);
        assert.equal((await c1.call("GET", `${c1.endpoints.csbs}/policies/${policyId}`)).status, 404);
        const now = (await regionAdmin<{ now: string }>(again, REGION_TWO, "GET", "/clock")).now;
        assert.ok(Date.parse(now) >= Date.parse(clockTwo), `RegionTwo's clock continues (${now} after ${clockTwo})`);
        assert.ok(Date.parse((await admin<{ now: string }>(again, "GET", "/clock")).now) < Date.parse(clockTwo), "RegionOne's clock stayed behind");
      } finally {
        await again.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers an unknown region with 404 naming the regions, at a path and at the admin API", async () => {
    const r = await fetch(`${cloud.url}/regions/Atlantis/compute/v2.1/servers`);
    assert.equal(r.status, 404);
    assert.match(await r.text(), /Atlantis.*RegionOne, RegionTwo/);
    const a = await fetch(`${cloud.adminUrl}/clock?region=Atlantis`);
    assert.equal(a.status, 404);
    assert.match(await a.text(), /Atlantis.*RegionOne, RegionTwo/);
    const posted = await fetch(`${cloud.adminUrl}/fixtures`, {
      method: "POST",
      headers: { "x-localcloud-admin": "1", "content-type": "application/json" },
      body: JSON.stringify({ projects: [{ name: "demo", regions: { Atlantis: { servers: [{ name: "x" }] } } }] }),
    });
    assert.equal(posted.status, 400);
    assert.match(await posted.text(), /Atlantis/);
    const contradicting = await fetch(`${cloud.url}/regions/RegionTwo/_localcloud/clock?region=RegionOne`);
    assert.equal(contradicting.status, 400);
    assert.match(await contradicting.text(), /already names region \\"RegionTwo\\"/);
  });

  it("answers hostile region segments with a 4xx in the named service's dialect, never a 5xx or another region's data", async () => {
    const token = { "x-auth-token": (await login(cloud)).token };
    const paths = [
      "/regions/", "/regions", "/regions/RegionTwo", "/regions/%ZZ/compute/v2.1/servers", "/regions/..%2FRegionTwo/compute/v2.1/servers",
      "/regions/RegionTwo%00/compute/v2.1/servers", `/regions/${"R".repeat(5000)}/compute/v2.1/servers`, "/regions/regiontwo/compute/v2.1/servers",
      "/regions/RegionTwo/regions/RegionTwo/compute/v2.1/servers", "/regions/RegionTwo/identity/v3/auth/tokens",
    ];
    for (const p of paths) {
      const r = await fetch(`${cloud.url}${p}`, { headers: token });
      assert.ok(r.status >= 400 && r.status < 500, `${p.slice(0, 80)} → ${r.status}`);
    }
  });

  it("serves the first region at the root and under /regions/RegionOne alike, and the admin API under a region's prefix", async () => {
    const atRoot = (await one.call("GET", `${cloud.url}/compute/v2.1/servers?limit=1000`)).body.servers.length;
    const prefixed = (await one.call("GET", `${cloud.url}/regions/RegionOne/compute/v2.1/servers?limit=1000`)).body.servers.length;
    assert.equal(atRoot, 104);
    assert.equal(prefixed, 104);
    await advanceClock(cloud, DAY, REGION_TWO);
    const viaQuery = (await regionAdmin<{ now: string }>(cloud, REGION_TWO, "GET", "/clock")).now;
    const viaPath = ((await (await fetch(`${cloud.url}/regions/RegionTwo/_localcloud/clock`)).json()) as { now: string }).now;
    assert.ok(Math.abs(Date.parse(viaPath) - Date.parse(viaQuery)) < 60_000, "both name RegionTwo's clock");
  });
});
