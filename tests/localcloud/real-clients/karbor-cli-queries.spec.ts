/**
 * Debian's real `karbor` CLI (python3-karborclient 2.1.0) listing with the queries it builds itself, against two
 * Karbor projects: an admin's `--tenant X` (all_tenants=1&project_id=X), `--name` filters (regular expressions
 * upstream), and paging with `--sort`, `--limit` and `--marker`.
 */
import assert from "node:assert/strict";
import type { LocalCloud } from "../../../localcloud";
import { ensureKarborCli, karbor, karborOk, table, type CliUser } from "../karbor/support/karbor-cli";
import { caller, OS_INFRA, serverId, startKarborCloud, WEEKLY_MO_2, type KarborCaller } from "../karbor/support/karbor-session";

const DAILY_3 = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

async function ok<T>(c: KarborCaller, method: string, path: string, body: unknown): Promise<T> {
  const r = await c.call(method, path, body);
  if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  return r.body as T;
}

async function plan(c: KarborCaller, name: string, server: { id: string; name: string }): Promise<string> {
  const body = { plan: { name, provider_id: OS_INFRA, parameters: {}, resources: [{ id: server.id, type: "OS::Nova::Server", name: server.name }] } };
  return (await ok<{ plan: { id: string } }>(c, "POST", "/plans", body)).plan.id;
}

async function trigger(c: KarborCaller, name: string, pattern: string): Promise<string> {
  return (await ok<{ trigger_info: { id: string } }>(c, "POST", "/triggers", { trigger_info: { name, type: "time", properties: { format: "calendar", pattern } } })).trigger_info.id;
}

async function operation(c: KarborCaller, name: string, planId: string, triggerId: string): Promise<void> {
  await ok(c, "POST", "/scheduled_operations", { scheduled_operation: {
    name, operation_type: "protect", trigger_id: triggerId, operation_definition: { plan_id: planId, provider_id: OS_INFRA },
  } });
}

describe("Debian's karbor CLI listing with filters, --tenant and paging across two projects", function () {
  this.timeout(300_000);
  let cloud: LocalCloud;
  let member: CliUser;
  let otherMember: CliUser;
  let admin: CliUser;
  let otherProjectId: string;

  const names = async (who: CliUser, args: string[]) => table(await karborOk(who, args)).map((r) => r.Name).sort();

  before(async () => {
    await ensureKarborCli();
    cloud = await startKarborCloud();
    const demo = await caller(cloud);
    const other = await caller(cloud, "other");
    otherProjectId = other.projectId;
    const web = { id: serverId(cloud, "web-000"), name: "web-000" };
    // The fixtures give `other` no server; Karbor's API does not look plan resources up.
    const elsewhere = { id: "3f1c8f6e-0000-4000-8000-0000000000aa", name: "elsewhere" };
    const webProd = await plan(demo, "web-prod", web);
    await plan(demo, "web-test", web);
    const dbProd = await plan(demo, "db-prod", web);
    await plan(demo, "Web-Upper", web);
    const otherProd = await plan(other, "other-prod", elsewhere);
    await plan(other, "other-test", elsewhere);
    const weekly = await trigger(demo, "weekly-mo", WEEKLY_MO_2);
    const daily = await trigger(demo, "daily-3", DAILY_3);
    const otherWeekly = await trigger(other, "other-weekly", WEEKLY_MO_2);
    await operation(demo, "keep-web", webProd, weekly);
    await operation(demo, "keep-db", dbProd, daily);
    await operation(other, "keep-other", otherProd, otherWeekly);
    const login = (user: string, password: string, project: string): CliUser => ({ authUrl: cloud.authUrl, user, password, project });
    member = login("demo", "demo", "demo");
    otherMember = login("other", "other", "other");
    admin = login("admin", "admin", "demo");
  });
  after(() => cloud?.close());

  it("lists one other project for an admin with --tenant, and each member's own project without it", async () => {
    assert.deepEqual(await names(admin, ["plan-list", "--tenant", otherProjectId]), ["other-prod", "other-test"]);
    assert.deepEqual(await names(admin, ["trigger-list", "--tenant", otherProjectId]), ["other-weekly"]);
    assert.deepEqual(await names(admin, ["scheduledoperation-list", "--tenant", otherProjectId]), ["keep-other"]);
    assert.deepEqual(await names(admin, ["plan-list"]), ["Web-Upper", "db-prod", "web-prod", "web-test"], "the admin's own project");
    assert.equal((await names(admin, ["plan-list", "--all-tenants"])).length, 6);
    assert.deepEqual(await names(otherMember, ["plan-list"]), ["other-prod", "other-test"]);
    assert.deepEqual(await names(member, ["plan-list", "--tenant", otherProjectId]), ["Web-Upper", "db-prod", "web-prod", "web-test"],
      "a member's all_tenants and project_id are dropped");
  });

  it("filters plan-list, trigger-list and scheduledoperation-list by --name as regular expressions, per project", async () => {
    assert.deepEqual(await names(member, ["plan-list", "--name", "prod"]), ["db-prod", "web-prod"]);
    assert.deepEqual(await names(member, ["plan-list", "--name", "^web"]), ["Web-Upper", "web-prod", "web-test"]);
    assert.deepEqual(await names(otherMember, ["plan-list", "--name", "prod"]), ["other-prod"]);
    assert.deepEqual(await names(admin, ["plan-list", "--tenant", otherProjectId, "--name", "test$"]), ["other-test"]);
    assert.deepEqual(await names(member, ["trigger-list", "--name", "weekly"]), ["weekly-mo"]);
    assert.deepEqual(await names(otherMember, ["trigger-list", "--name", "weekly"]), ["other-weekly"]);
    assert.deepEqual(await names(member, ["scheduledoperation-list", "--name", "db$"]), ["keep-db"]);
    assert.deepEqual(await names(otherMember, ["scheduledoperation-list", "--name", "keep"]), ["keep-other"]);
  });

  it("pages with --sort, --limit and --marker, and shows Karbor's refusal of a bad limit", async () => {
    const page = async (args: string[]) => table(await karborOk(member, ["plan-list", "--sort", "name:asc", ...args]));
    const all = (await page([])).map((r) => r.Name);
    assert.deepEqual(all, ["db-prod", "web-prod", "web-test", "Web-Upper"], "--sort keeps the server's order, case-insensitive as MySQL's");
    const first = await page(["--limit", "2"]);
    assert.deepEqual(first.map((r) => r.Name), all.slice(0, 2));
    const second = await page(["--limit", "2", "--marker", first[1]!.Id]);
    assert.deepEqual(second.map((r) => r.Name), all.slice(2));
    assert.deepEqual(await page(["--limit", "2", "--marker", second[1]!.Id]), []);
    const triggers = table(await karborOk(member, ["trigger-list", "--sort", "name:desc", "--limit", "1"])).map((r) => r.Name);
    assert.deepEqual(triggers, ["weekly-mo"]);
    const bad = await karbor(member, ["plan-list", "--limit", "-1"]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.output, /limit param must be positive \(HTTP 400\)/);
  });
});
