import assert from "node:assert/strict";
import { admin } from "../../support/cloud";
import {
  createPolicy, csbsCloudPerTest, expectError, type Json, MO_TH_2_14, type Mode, pattern, policyBody, PROVIDER_ID, serverId, servers, session, settings,
} from "./support/csbs-session";

for (const mode of ["in-memory", "persistent"] as Mode[]) {
  describe(`localcloud CSBS policies (${mode})`, function () {
    this.timeout(30_000);
    const ctx = csbsCloudPerTest(mode);

    describe("create", () => {
      it("creates a suspended policy with string-typed retention, the ical trigger and the servers", async () => {
        const r = await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { servers: ["web-000", "db-0"], definition: { max_backups: "20" } }));
        assert.equal(r.status, 200);
        assert.match(r.headers.get("x-openstack-request-id") ?? "", /^req-/);
        const p = r.body.policy;
        assert.equal(p.status, "suspended");
        assert.equal(p.name, "nightly");
        assert.equal(p.project_id, ctx.demo.projectId);
        assert.equal(p.provider_id, PROVIDER_ID);
        assert.match(p.created_at, /^2030-01-07T00:00:\d\d\.\d{6}$/);
        assert.deepEqual(p.resources.map((x: Json) => [x.id, x.type, x.extra_info]), [
          [serverId(ctx.cloud, "web-000"), "OS::Nova::Server", {}], [serverId(ctx.cloud, "db-0"), "OS::Nova::Server", {}]]);
        const op = p.scheduled_operations[0];
        assert.equal(op.enabled, true);
        assert.equal(op.operation_type, "backup");
        assert.deepEqual([op.operation_definition.max_backups, op.operation_definition.retention_duration_days, op.operation_definition.permanent], ["20", "-1", "False"]);
        assert.equal(op.trigger.properties.format, "ical");
        assert.equal(op.trigger.properties.pattern, MO_TH_2_14);
        assert.match(op.trigger.properties.start_time, /^2030-01-07 00:00:\d\d$/);
        assert.equal(op.trigger_id, op.trigger.id);
        assert.ok(op.id);
      });

      it("accepts an empty server list, retention by days and a permanent policy given as text", async () => {
        const a = await createPolicy(ctx.demo, { name: "days", definition: { retention_duration_days: 30 } });
        assert.equal(a.scheduled_operations[0].operation_definition.retention_duration_days, "30");
        assert.deepEqual(a.resources, []);
        const b = await createPolicy(ctx.demo, { name: "forever", definition: { permanent: "True" } });
        assert.equal(b.scheduled_operations[0].operation_definition.permanent, "True");
      });

      it("reads as creating for the configured seconds when the admin knob says so", async () => {
        await settings(ctx.cloud, { creatingSeconds: 600 });
        const p = await createPolicy(ctx.demo);
        assert.equal(p.status, "creating");
        await admin(ctx.cloud, "POST", "/clock", { advanceSeconds: 601 });
        assert.equal((await ctx.demo.call("GET", `/policies/${p.id}`)).body.policy.status, "suspended");
      });

      it("ends the creating phase in error for a policy named in failPolicyNames, and in suspended for the others", async () => {
        await settings(ctx.cloud, { creatingSeconds: 600, failPolicyNames: ["doomed"] });
        const doomed = await createPolicy(ctx.demo, { name: "doomed" });
        const fine = await createPolicy(ctx.demo, { name: "fine" });
        assert.deepEqual([doomed.status, fine.status], ["creating", "creating"]);
        await admin(ctx.cloud, "POST", "/clock", { advanceSeconds: 601 });
        const status = async (id: string) => (await ctx.demo.call("GET", `/policies/${id}`)).body.policy.status;
        assert.deepEqual([await status(doomed.id), await status(fine.id)], ["error", "suspended"]);
      });

      it("rejects a duplicate name (case-sensitive) with CSBS.9007", async () => {
        await createPolicy(ctx.demo, { name: "dup" });
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { name: "dup" })), 400, "CSBS.9007", "duplicate service name");
        assert.equal((await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { name: "DUP" }))).status, 200);
      });

      it("rejects names and descriptions that break the charset or length", async () => {
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { name: "has space" })), 400, "CSBS.9001", /name/);
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { name: "x".repeat(256) })), 400, "CSBS.9001", /name/);
        const body = policyBody(ctx.cloud);
        body.policy.description = "<script>";
        expectError(await ctx.demo.call("POST", "/policies", body), 400, "CSBS.9001", /description/);
      });

      it("rejects another provider id with CSBS.9001", async () => {
        const body = policyBody(ctx.cloud);
        body.policy.provider_id = "c714180d-ea34-4b13-9a5e-577c7c416eec";
        expectError(await ctx.demo.call("POST", "/policies", body), 400, "CSBS.9001", /provider_id/);
      });

      it("rejects a body without the policy wrapper, a missing enabled and a non-backup operation", async () => {
        expectError(await ctx.demo.call("POST", "/policies", { name: "x" }), 400, "CSBS.9001", /"policy"/);
        const noEnabled = policyBody(ctx.cloud);
        delete (noEnabled.policy.scheduled_operations as Json)[0].enabled;
        expectError(await ctx.demo.call("POST", "/policies", noEnabled), 400, "CSBS.9001", /enabled is required/);
        const restore = policyBody(ctx.cloud);
        (restore.policy.scheduled_operations as Json)[0].operation_type = "restore";
        expectError(await ctx.demo.call("POST", "/policies", restore), 400, "CSBS.9001", /operation_type/);
        const two = policyBody(ctx.cloud);
        (two.policy.scheduled_operations as Json[]).push((two.policy.scheduled_operations as Json[])[0]);
        expectError(await ctx.demo.call("POST", "/policies", two), 400, "CSBS.9001", /exactly one/);
      });

      it("rejects retention of 0 and out-of-range values, but not -1", async () => {
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { definition: { max_backups: 0 } })), 400, "CSBS.9001", /max_backups/);
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { definition: { retention_duration_days: "0" } })), 400, "CSBS.9001", /retention_duration_days/);
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { definition: { max_backups: 100000 } })), 400, "CSBS.9001", /max_backups/);
        assert.equal((await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { definition: { max_backups: -1, retention_duration_days: 7 } }))).status, 200);
      });

      it("rejects a schedule with runs 30 minutes apart across midnight", async () => {
        const r = await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, {
          pattern: pattern("FREQ=DAILY;BYHOUR=23;BYMINUTE=45", "FREQ=DAILY;BYHOUR=0;BYMINUTE=15") }));
        expectError(r, 400, "CSBS.9001", /23:45 UTC and \w\w 00:15 UTC, 1800 seconds apart \(across midnight\)/);
      });

      it("rejects a schedule with runs less than an hour apart on the same day, and HOURLY, and a pattern over 10240 characters", async () => {
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { pattern: pattern("FREQ=WEEKLY;BYDAY=MO;BYHOUR=3;BYMINUTE=0,30") })),
          400, "CSBS.9001", /1800 seconds apart \(on the same day\)/);
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { pattern: pattern("FREQ=HOURLY;BYHOUR=1;BYMINUTE=0") })),
          400, "CSBS.9001", /FREQ/);
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { pattern: MO_TH_2_14 + " ".repeat(10241) })),
          400, "CSBS.9001", /10240/);
      });

      it("rejects a schedule whose last run of the week is too close to the first run of the next", async () => {
        const r = await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, {
          pattern: pattern("FREQ=WEEKLY;BYDAY=SU;BYHOUR=23;BYMINUTE=30", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=0;BYMINUTE=0") }));
        expectError(r, 400, "CSBS.9001", /SU 23:30 UTC and MO 00:00 UTC, 1800 seconds apart/);
      });

      it("rejects a 65th server with the 64-server message", async () => {
        const names = Array.from({ length: 65 }, (_, i) => `web-${String(i).padStart(3, "0")}`);
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { servers: names })), 400, "CSBS.9001",
          /^Parameter verification failed: a policy can have at most 64 servers/);
        assert.equal((await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { servers: names.slice(0, 64) }))).status, 200);
      });

      it("rejects ineligible servers: missing (6000), ERROR or RESIZE (6006), shared disk (6010)", async () => {
        const missing = policyBody(ctx.cloud);
        missing.policy.resources = [{ id: "3f0c7c8e-0000-4000-8000-000000000000", type: "OS::Nova::Server", name: "ghost" }];
        expectError(await ctx.demo.call("POST", "/policies", missing), 400, "CSBS.6000", /3f0c7c8e/);
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { servers: ["broken-0"] })), 400, "CSBS.6006", /ERROR/);
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { servers: ["shared-0"] })), 400, "CSBS.6010", /shared/);
        await admin(ctx.cloud, "POST", "/fixtures", { projects: [{ name: "demo", servers: [{ name: "resizing-0", status: "RESIZE" }] }] });
        const resizing = policyBody(ctx.cloud);
        const compute = await ctx.demo.call("GET", ctx.demo.csbs.replace(/\/csbs\/v1\/.*/, "/compute/v2.1/servers"));
        const resizeId = compute.body.servers.find((x: Json) => x.name === "resizing-0").id;
        resizing.policy.resources = [{ id: resizeId, type: "OS::Nova::Server", name: "resizing-0" }];
        expectError(await ctx.demo.call("POST", "/policies", resizing), 400, "CSBS.6006", /RESIZE/);
      });

      it("rejects a server of another project as missing", async () => {
        const body = policyBody(ctx.cloud);
        body.policy.resources = [{ id: serverId(ctx.cloud, "web-000"), type: "OS::Nova::Server", name: "web-000" }];
        const other = await session(ctx.cloud, "other");
        expectError(await other.call("POST", "/policies", body), 400, "CSBS.6000");
      });

      it("rejects a server that is already in another policy with CSBS.6004", async () => {
        await createPolicy(ctx.demo, { name: "first", servers: ["web-001"] });
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { name: "second", servers: ["web-001"] })), 400, "CSBS.6004",
          `Server (${serverId(ctx.cloud, "web-001")}) is already in service.`);
      });

      it("rejects the 33rd policy of a project with CSBS.0001", async () => {
        for (let i = 0; i < 32; i++) await createPolicy(ctx.demo, { name: `p${i}` });
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { name: "p32" })), 400, "CSBS.0001", "Service over limit");
        const quotas = await ctx.demo.call("GET", "/quotas");
        assert.deepEqual(quotas.body.quotas.resources.find((q: Json) => q.type === "policies"), { type: "policies", quota: 32, used: 32 });
      });

      it("rejects more than 10 tags with CSBS.7000 and bad tag keys with CSBS.9001", async () => {
        const tags = Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: "v" }));
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { tags })), 400, "CSBS.7000");
        expectError(await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { tags: [{ key: "bad key!", value: "v" }] })), 400, "CSBS.9001", /key/);
        const ok = await createPolicy(ctx.demo, { tags: [{ key: " env ", value: "prod" }] });
        assert.deepEqual(ok.tags, [{ key: "env", value: "prod" }]);
      });
    });

    describe("list and show", () => {
      it("lists by exact name, pages with limit and marker, and links the next page when a page is full", async () => {
        for (const name of ["a", "b", "c"]) await createPolicy(ctx.demo, { name });
        const byName = await ctx.demo.call("GET", "/policies?name=b");
        assert.deepEqual(byName.body.policies.map((p: Json) => p.name), ["b"]);
        const first = await ctx.demo.call("GET", "/policies?limit=2&sort=name:asc");
        assert.deepEqual(first.body.policies.map((p: Json) => p.name), ["a", "b"]);
        const next = first.body.policies_links[0];
        assert.equal(next.rel, "next");
        const second = await ctx.demo.call("GET", next.href);
        assert.deepEqual(second.body.policies.map((p: Json) => p.name), ["c"]);
        assert.equal(second.body.policies_links, undefined);
        const offset = await ctx.demo.call("GET", "/policies?offset=1&sort=name:asc");
        assert.deepEqual(offset.body.policies.map((p: Json) => p.name), ["b", "c"]);
        expectError(await ctx.demo.call("GET", "/policies?limit=0"), 400, "CSBS.9001", /limit/);
        expectError(await ctx.demo.call("GET", "/policies?sort=colour"), 400, "CSBS.9001", /sort key/);
      });

      it("shows a policy, and answers 404 CSBS.3000 for a missing one", async () => {
        const p = await createPolicy(ctx.demo);
        assert.equal((await ctx.demo.call("GET", `/policies/${p.id}`)).body.policy.id, p.id);
        expectError(await ctx.demo.call("GET", "/policies/6b2d4f7e-0000-4000-8000-000000000000"), 404, "CSBS.3000", "plan not found");
      });

      it("never shows another project's policy: 404 by id, absent from lists; all_tenants only for admins", async () => {
        const other = await session(ctx.cloud, "other");
        const theirs = await createPolicy(other, { name: "theirs" });
        expectError(await ctx.demo.call("GET", `/policies/${theirs.id}`), 404, "CSBS.3000");
        expectError(await ctx.demo.call("PUT", `/policies/${theirs.id}`, { policy: { name: "mine" } }), 404, "CSBS.3000");
        expectError(await ctx.demo.call("DELETE", `/policies/${theirs.id}`), 404, "CSBS.3000");
        assert.equal((await ctx.demo.call("GET", "/policies?all_tenants=1")).body.policies.length, 0);
        const adminSession = await session(ctx.cloud, "admin");
        const all = await adminSession.call("GET", "/policies?all_tenants=1");
        assert.ok(all.body.policies.some((p: Json) => p.id === theirs.id));
      });

      it("answers 400 Malformed request url when the path names another project", async () => {
        const other = await session(ctx.cloud, "other");
        const r = await ctx.demo.call("GET", `${other.csbs}/policies`);
        expectError(r, 400, "CSBS.9001", "Malformed request url");
      });

      it("lets a reader list but answers 403 to a reader's write", async () => {
        const reader = await session(ctx.cloud, "demo-reader");
        assert.equal((await reader.call("GET", "/policies")).status, 200);
        const r = await reader.call("POST", "/policies", policyBody(ctx.cloud));
        assert.equal(r.status, 403);
        assert.ok(r.body.error_code);
      });
    });

    describe("update and delete", () => {
      it("replaces the server list, renames, toggles enabled and changes pattern and retention", async () => {
        const p = await createPolicy(ctx.demo, { servers: ["web-010"] });
        const opId = p.scheduled_operations[0].id;
        const r = await ctx.demo.call("PUT", `/policies/${p.id}`, { policy: {
          name: "renamed",
          resources: servers(ctx.cloud, ["web-011", "web-012"]),
          scheduled_operations: [{ id: opId, enabled: false, operation_definition: { max_backups: "5" },
            trigger: { properties: { pattern: pattern("FREQ=DAILY;INTERVAL=2;BYHOUR=1;BYMINUTE=30") } } }],
        } });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const u = r.body.policy;
        assert.equal(u.name, "renamed");
        assert.deepEqual(u.resources.map((x: Json) => x.name), ["web-011", "web-012"]);
        assert.equal(u.scheduled_operations[0].enabled, false);
        assert.equal(u.scheduled_operations[0].operation_definition.max_backups, "5");
        assert.match(u.scheduled_operations[0].trigger.properties.pattern, /INTERVAL=2/);
        // web-010 is free again
        assert.equal((await ctx.demo.call("POST", "/policies", policyBody(ctx.cloud, { name: "again", servers: ["web-010"] }))).status, 200);
      });

      it("checks updated servers like create, and requires the scheduled operation id", async () => {
        await createPolicy(ctx.demo, { name: "owner", servers: ["web-020"] });
        const p = await createPolicy(ctx.demo, { name: "target" });
        expectError(await ctx.demo.call("PUT", `/policies/${p.id}`, { policy: { resources: servers(ctx.cloud, ["web-020"]) } }), 400, "CSBS.6004");
        expectError(await ctx.demo.call("PUT", `/policies/${p.id}`, { policy: { resources: servers(ctx.cloud, ["broken-0"]) } }), 400, "CSBS.6006");
        expectError(await ctx.demo.call("PUT", `/policies/${p.id}`, { policy: { scheduled_operations: [{ enabled: false }] } }), 400, "CSBS.9001", /id is required/);
        expectError(await ctx.demo.call("PUT", `/policies/${p.id}`, { policy: { name: "owner" } }), 400, "CSBS.9007");
        expectError(await ctx.demo.call("PUT", `/policies/${p.id}`, { policy: { scheduled_operations: [{ id: p.scheduled_operations[0].id,
          trigger: { properties: { pattern: pattern("FREQ=DAILY;BYHOUR=1,2;BYMINUTE=0,40") } } }] } }), 400, "CSBS.9001", /2400 seconds apart/);
      });

      it("deletes a policy with an empty 200 and then answers 404", async () => {
        const p = await createPolicy(ctx.demo);
        const r = await ctx.demo.call("DELETE", `/policies/${p.id}`);
        assert.equal(r.status, 200);
        assert.equal(r.body, undefined);
        expectError(await ctx.demo.call("DELETE", `/policies/${p.id}`), 404, "CSBS.3000");
      });

      it("refuses to delete a policy while one of its backups is protecting (409 CSBS.2004), and keeps backups after delete", async () => {
        await settings(ctx.cloud, { protectSeconds: 3600 });
        const p = await createPolicy(ctx.demo, { servers: ["web-030"] });
        const run = await ctx.demo.call("POST", `/providers/${PROVIDER_ID}/checkpoints`, { checkpoint: { plan_id: p.id, parameters: {} } });
        assert.equal(run.status, 200);
        expectError(await ctx.demo.call("DELETE", `/policies/${p.id}`), 409, "CSBS.2004", "item in plan executing");
        // update is allowed while the backup runs
        assert.equal((await ctx.demo.call("PUT", `/policies/${p.id}`, { policy: { description: "busy" } })).status, 200);
        await admin(ctx.cloud, "POST", "/clock", { advanceSeconds: 3601 });
        assert.equal((await ctx.demo.call("DELETE", `/policies/${p.id}`)).status, 200);
        const items = await ctx.demo.call("GET", `/checkpoint_items?policy_id=${p.id}`);
        assert.equal(items.body.checkpoint_items.length, 1);
        assert.equal(items.body.checkpoint_items[0].status, "available");
      });
    });
  });
}
