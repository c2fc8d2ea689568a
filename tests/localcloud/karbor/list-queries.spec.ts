/**
 * Karbor's list queries over HTTP, as karbor/api/v1/*.py, api/common.py and db/sqlalchemy/api.py answer them:
 * regex filters, exact filters, an admin's all_tenants with project_id, boolean parameters, paging and sorting,
 * and the error each controller gives for a bad parameter.
 */
import assert from "node:assert/strict";
import type { LocalCloud } from "../../../localcloud";
import { caller, createPlan, createTrigger, fault, OS_INFRA, startKarborCloud, WEEKLY_MO_2, type Json, type KarborCaller } from "./support/karbor-session";

const DAILY_3 = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

describe("localcloud Karbor list queries", function () {
  this.timeout(60_000);
  let cloud: LocalCloud;
  let demo: KarborCaller;
  let other: KarborCaller;
  let admin: KarborCaller;
  const plans: Record<string, Json> = {};
  const ops: Record<string, Json> = {};

  const names = (r: { body: Json }, key: string): string[] => r.body[key].map((x: { name: string }) => x.name).sort();

  before(async () => {
    cloud = await startKarborCloud();
    demo = await caller(cloud);
    other = await caller(cloud, "other");
    admin = await caller(cloud, "admin", "admin", "demo");
    for (const n of ["web-prod", "web-test", "db-prod", "Web-Upper"]) plans[n] = await createPlan(demo, ["web-000"], n);
    await demo.call("PUT", `/plans/${plans["db-prod"].id}`, { plan: { description: "nightly database copy" } });
    // The fixtures give `other` no server; Karbor's API does not look plan resources up.
    const otherServer = { id: "3f1c8f6e-0000-4000-8000-0000000000aa", name: "elsewhere" };
    const o = await other.call("POST", "/plans", { plan: { name: "other-prod", provider_id: OS_INFRA, parameters: {},
      resources: [{ id: otherServer.id, type: "OS::Nova::Server", name: otherServer.name }] } });
    assert.equal(o.status, 200, o.text);
    plans["other-prod"] = o.body.plan;
    const weekly = await createTrigger(demo, WEEKLY_MO_2);
    const daily = (await demo.call("POST", "/triggers", { trigger_info: { name: "daily-3", type: "time", properties: { format: "calendar", pattern: DAILY_3 } } })).body.trigger_info;
    await demo.call("PUT", `/triggers/${weekly.id}`, { trigger_info: { name: "weekly-mo" } });
    await createTrigger(other, WEEKLY_MO_2);
    for (const [name, plan, trigger, max] of [["keep-3", "web-prod", weekly, 3], ["keep-7", "db-prod", daily, 7]] as const) {
      const r = await demo.call("POST", "/scheduled_operations", { scheduled_operation: { name, operation_type: "retention_protect", trigger_id: trigger.id,
        operation_definition: { plan_id: plans[plan].id, provider_id: OS_INFRA, max_backups: String(max) } } });
      assert.equal(r.status, 200, r.text);
      ops[name] = r.body.scheduled_operation;
    }
  });
  after(() => cloud?.close());

  it("filters plans by name and description as case-insensitive regular expressions, and status exactly", async () => {
    assert.deepEqual(names(await demo.call("GET", "/plans?name=prod"), "plans"), ["db-prod", "web-prod"]);
    assert.deepEqual(names(await demo.call("GET", "/plans?name=%5Eweb"), "plans"), ["Web-Upper", "web-prod", "web-test"]);
    assert.deepEqual(names(await demo.call("GET", "/plans?name=-(prod|test)%24"), "plans"), ["db-prod", "web-prod", "web-test"]);
    assert.deepEqual(names(await demo.call("GET", "/plans?description=database"), "plans"), ["db-prod"]);
    assert.deepEqual(names(await demo.call("GET", "/plans?status=suspended&name=test"), "plans"), ["web-test"]);
    assert.deepEqual(names(await demo.call("GET", "/plans?status=started"), "plans"), []);
  });

  it("reads filter values as Python literals: a number is no regex, a list is an IN test", async () => {
    // check_filters turns "123" into an int, which the regex filter skips: every plan of the project comes back.
    assert.equal((await demo.call("GET", "/plans?name=123")).body.plans.length, 4);
    assert.equal((await demo.call("GET", "/plans?status=%5B'suspended'%2C'started'%5D")).body.plans.length, 4);
    assert.equal((await demo.call("GET", "/plans?status=%5B%5D")).body.plans.length, 0);
    assert.deepEqual(names(await demo.call("GET", "/plans?name='db'"), "plans"), ["db-prod"]);
  });

  it("ignores filters a member may not use, and answers a member's all_tenants with their own project", async () => {
    const own = names(await demo.call("GET", "/plans"), "plans");
    assert.deepEqual(names(await demo.call("GET", `/plans?all_tenants=1&project_id=${other.projectId}`), "plans"), own);
    assert.deepEqual(names(await demo.call("GET", "/plans?provider_id=nope"), "plans"), own);
  });

  it("lists another project for an admin with all_tenants=1&project_id, every project with all_tenants alone", async () => {
    assert.deepEqual(names(await admin.call("GET", `/plans?all_tenants=1&project_id=${other.projectId}`), "plans"), ["other-prod"]);
    assert.equal((await admin.call("GET", "/plans?all_tenants=true")).body.plans.length, 5);
    assert.equal((await admin.call("GET", "/plans?all_tenants=0")).body.plans.length, 4);
    assert.equal((await admin.call("GET", `/plans?project_id=${other.projectId}`)).body.plans.length, 4, "without all_tenants the token's project wins");
    assert.equal((await admin.call("GET", `/triggers?all_tenants=1&project_id=${other.projectId}`)).body.triggers.length, 1);
    assert.equal((await admin.call("GET", `/scheduled_operations?all_tenants=1&project_id=${other.projectId}`)).body.operations.length, 0);
  });

  it("refuses a non-boolean all_tenants with 400 where the caller may pass it", async () => {
    fault(await admin.call("GET", "/plans?all_tenants=maybe"), 400, "badRequest", "Value maybe for all_tenants is not a boolean.");
    fault(await demo.call("GET", "/triggers?all_tenants=2"), 400, "badRequest", "Value 2 for all_tenants is not a boolean.");
    fault(await demo.call("GET", "/scheduled_operations?all_tenants=on"), 400, "badRequest", "Value on for all_tenants is not a boolean.");
    assert.equal((await demo.call("GET", "/plans?all_tenants=maybe")).status, 200, "a member's all_tenants is dropped before it is read");
  });

  it("filters triggers by name and by the text of their properties", async () => {
    assert.deepEqual(names(await demo.call("GET", "/triggers?name=weekly"), "triggers"), ["weekly-mo"]);
    assert.deepEqual(names(await demo.call("GET", "/triggers?properties=FREQ%3DDAILY"), "triggers"), ["daily-3"]);
    assert.deepEqual(names(await demo.call("GET", "/triggers?properties=%22format%22%3A%20%22calendar%22"), "triggers"), ["daily-3", "weekly-mo"]);
    assert.deepEqual(names(await demo.call("GET", "/triggers?type=time&name=%5Ed"), "triggers"), ["daily-3"]);
  });

  it("filters scheduled operations by name and by the text of their operation_definition", async () => {
    assert.deepEqual(names(await demo.call("GET", "/scheduled_operations?name=keep-3"), "operations"), ["keep-3"]);
    const byPlan = await demo.call("GET", `/scheduled_operations?operation_definition=${encodeURIComponent(`"plan_id": "${plans["db-prod"].id}"`)}`);
    assert.deepEqual(names(byPlan, "operations"), ["keep-7"]);
    assert.deepEqual(names(await demo.call("GET", `/scheduled_operations?trigger_id=${ops["keep-3"].trigger_id}`), "operations"), ["keep-3"]);
  });

  it("pages with limit and marker, with a next link on every full page that keeps the query and moves marker last", async () => {
    const all = (await demo.call("GET", "/plans?sort=name:asc")).body.plans.map((p: Json) => p.name);
    assert.deepEqual(all, ["db-prod", "web-prod", "web-test", "Web-Upper"], "MySQL's default collation sorts without case");
    const first = await demo.call("GET", "/plans?sort=name:asc&limit=2");
    assert.deepEqual(first.body.plans.map((p: Json) => p.name), all.slice(0, 2));
    const next = first.body.plans_links[0];
    assert.equal(next.rel, "next");
    assert.equal(next.href, `${cloud.url}/karbor/v1/${demo.projectId}/plans?sort=name%3Aasc&limit=2&marker=${first.body.plans[1].id}`);
    const second = await demo.call("GET", next.href);
    assert.deepEqual(second.body.plans.map((p: Json) => p.name), all.slice(2));
    assert.ok(second.body.plans_links, "a full last page still has a next link, as upstream");
    const third = await demo.call("GET", second.body.plans_links[0].href);
    assert.deepEqual([third.status, third.body.plans, third.body.plans_links], [200, [], undefined]);
    assert.deepEqual((await demo.call("GET", "/plans?sort=name:asc&offset=3")).body.plans.map((p: Json) => p.name), ["Web-Upper"]);
    const triggers = await demo.call("GET", "/triggers?limit=1&offset=1");
    assert.equal(triggers.body.triggers.length, 1, "the trigger controller ignores offset");
    assert.match(triggers.body.triggers_links[0].href, /\/triggers\?limit=1&offset=1&marker=/);
  });

  it("refuses bad limits and offsets with api/common.py's messages", async () => {
    fault(await demo.call("GET", "/plans?limit=abc"), 400, "badRequest", "limit param must be an integer");
    fault(await demo.call("GET", "/plans?limit="), 400, "badRequest", "limit param must be an integer");
    fault(await demo.call("GET", "/triggers?limit=0"), 400, "badRequest", "limit param must be positive");
    fault(await demo.call("GET", "/scheduled_operations?limit=-3"), 400, "badRequest", "limit param must be positive");
    assert.equal((await demo.call("GET", "/plans?limit=%2B1_0")).body.plans.length, 4, "int() reads a sign and underscores");
    fault(await demo.call("GET", "/plans?offset=x"), 400, "badRequest", "offset must be an integer.");
    fault(await demo.call("GET", "/restores?offset=-1"), 400, "badRequest", "offset must be >= 0");
    fault(await demo.call("GET", "/operation_logs?offset=2147483648"), 400, "badRequest", "offset must be <= 2147483647");
  });

  it("answers sort and marker problems as each controller does", async () => {
    fault(await demo.call("GET", "/plans?sort=name&sort_key=id"), 400, "badRequest",
      "The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
    fault(await demo.call("GET", "/plans?sort=name:up"), 400, "badRequest", "Invalid input received: Unknown sort direction, must be 'desc' or 'asc'.");
    fault(await demo.call("GET", "/plans?sort_key=colour"), 500, "computeFault", "The server has either erred or is incapable of performing the requested operation.");
    fault(await demo.call("GET", "/plans?marker=3f1c8f6e-0000-4000-8000-000000000000"), 404, "itemNotFound", "Plan 3f1c8f6e-0000-4000-8000-000000000000 could not be found.");
    // A plan of another project is no marker for a member: Karbor looks the marker up in the caller's project.
    fault(await demo.call("GET", `/plans?marker=${plans["other-prod"].id}`), 404, "itemNotFound", `Plan ${plans["other-prod"].id} could not be found.`);
    // The trigger and operation controllers turn every db error into their "Unexpected API Error".
    fault(await demo.call("GET", "/triggers?sort=name:up"), 500, "computeFault", /^Unexpected API Error\. .*\nInvalid input received: Unknown sort direction/s);
    fault(await demo.call("GET", "/triggers?marker=nope"), 500, "computeFault", /\nTrigger nope could not be found\.$/);
    fault(await demo.call("GET", "/scheduled_operations?sort_key=colour"), 500, "computeFault", /\n<class 'oslo_db\.exception\.InvalidSortKey'>$/);
    fault(await demo.call("GET", "/triggers?name=%28"), 500, "computeFault", /\n<class 'oslo_db\.exception\.DBError'>$/);
  });

  it("lists restores and operation logs with every filter exact, and none for a key their table lacks", async () => {
    assert.equal((await admin.call("GET", "/restores?colour=red")).body.restores.length, 0);
    assert.equal((await demo.call("GET", "/operation_logs?status=nope")).body.operation_logs.length, 0);
    // A member's unknown key is dropped before the table sees it.
    assert.equal((await demo.call("GET", "/operation_logs?colour=red")).status, 200);
    fault(await demo.call("GET", "/operation_logs?marker=3f1c8f6e-0000-4000-8000-000000000000"), 404, "itemNotFound", "OperationLog %(restore_id)s could not be found.");
  });
});
