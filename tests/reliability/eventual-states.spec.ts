/**
 * Issue 6 §6: eventual states are waited for, not failed and not hammered. Policies that stay `creating` for a
 * while after create; a policy whose delete is refused with 409 CSBS.2004 while one of its backups is being
 * made; a policy whose backups stay `deleting` for minutes. Two engine runs: up and destroy.
 */
import * as assert from "node:assert/strict";
import { admin, type TestCloud } from "../support/cloud";
import { CsbsDirect, scenarioStack, startTestCloud, webServers, type EngineStack, type ProgramSpec } from "../engine/provider/scenario-support";
import { matching, ok2xx, POLICIES, requestLog, type LoggedRequest } from "./reliability-support";

const PROVIDER = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

describe("eventual states (issue 6 §6)", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  let api: CsbsDirect;
  const spec = (): ProgramSpec => {
    const web = webServers(cloud, 4);
    const schedule = farFromNow();
    return {
      policies: [
        { resource: "busy", args: { name: "busy-policy", schedule, retention: { maxBackups: 7 } }, associations: [{ resource: "busy-servers", serverIds: web.slice(0, 2) }] },
        { resource: "draining", args: { name: "draining-policy", schedule, retention: { maxBackups: 7 } }, associations: [{ resource: "draining-servers", serverIds: web.slice(2, 4) }] },
      ],
    };
  };
  const settings = (knobs: Record<string, number>) => admin(cloud, "POST", "/csbs/settings", knobs);
  const onePolicy = (id: string) => new RegExp(`^/csbs/v1/[^/]+/policies/${id}$`);
  /** Watches the request log while `running` goes on; on the first refused DELETE of `policy`, ends every backup. */
  const finishBackupsOnceRefused = async (policy: string, running: Promise<unknown>): Promise<boolean> => {
    let done = false;
    void running.finally(() => (done = true));
    while (!done) {
      const log = await requestLog(cloud);
      if (matching(log, "DELETE", onePolicy(policy), (s) => s === 409).length > 0) {
        await admin(cloud, "POST", "/clock", { advanceSeconds: 601 });
        return true;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  };

  before(async () => {
    cloud = await startTestCloud();
    api = await CsbsDirect.login(cloud);
    stack = await scenarioStack(cloud, "eventual-states", spec());
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("ends each policy's create at its POST and waits in its association's write, with a few spaced shared looks; nothing to change right after", async () => {
    await settings({ creatingSeconds: 4 });
    await admin(cloud, "DELETE", "/requests");
    const up = await stack.up();
    await settings({ creatingSeconds: 0 });
    assert.equal(up.code, 0, up.output.slice(-3000));
    const outs = (await stack.outputs()) as Record<string, { id: string; status: string }>;
    const log = await requestLog(cloud);
    for (const name of ["busy", "draining"]) {
      // An association of the program fills each policy, so the create reports the state it left; the
      // association wrote the servers once the policy was usable.
      assert.equal(outs[name]!.status, "creating", `${name} is reported as its create left it`);
      assert.equal((await api.policy(outs[name]!.id)).status, "suspended");
      assert.equal((await api.policy(outs[name]!.id)).resources.length, 2, `${name} holds its association's servers`);
      // Looks at the policy: its own GETs, and the listings after the check's one (both policies waiting at
      // once are answered by one listing). Spaced from 0.5 s, doubling: a few looks cover four seconds; a busy
      // loop would make hundreds.
      const reads = matching(log, "GET", onePolicy(outs[name]!.id)).length + Math.max(0, matching(log, "GET", POLICIES).length - 1);
      assert.ok(reads >= 2 && reads <= 12, `${name}: ${reads} looks while creating`);
    }
    // Status is no input: neither a preview nor a refresh right after shows a change, and after the refresh
    // the state has the status the service shows now.
    const preview = await stack.preview(["--expect-no-changes"]);
    assert.equal(preview.code, 0, preview.output.slice(-3000));
    const refresh = await stack.refresh(["--expect-no-changes"]);
    assert.equal(refresh.code, 0, refresh.output.slice(-3000));
    // (The stack's exports keep the up's values; the refreshed state is in the resources.)
    const refreshed = await stack.resourcesOfType("pulumi-nodejs:dynamic/csbs:BackupPolicy");
    assert.deepEqual(refreshed.map((r) => r.outputs?.status), ["suspended", "suspended"]);
    const again = await stack.preview(["--expect-no-changes"]);
    assert.equal(again.code, 0, again.output.slice(-3000));
  });

  it("destroys a policy refused with 409 CSBS.2004 while a backup runs, and one whose backups take minutes to delete, without a DELETE loop", async () => {
    const outs = (await stack.outputs()) as Record<string, { id: string }>;
    const busy = outs.busy!.id;
    const draining = outs.draining!.id;
    // draining: a finished backup, then its deletion takes two hours.
    await settings({ protectSeconds: 0, deleteSeconds: 7200 });
    const run = await api.call<{ checkpoint: { id: string } }>("POST", `/providers/${PROVIDER}/checkpoints`, { checkpoint: { plan_id: draining, parameters: { auto_trigger: false } } });
    await api.items(); // settles the finished backup
    await api.call("DELETE", `/providers/${PROVIDER}/checkpoints/${run.checkpoint.id}`);
    // busy: a backup that is still being made when the destroy starts, and finishes (the cloud's clock is moved
    // on) only once the provider has been refused: on a loaded machine a real-time delay could end before the
    // engine even starts the delete.
    await settings({ protectSeconds: 600 });
    await api.call("POST", `/providers/${PROVIDER}/checkpoints`, { checkpoint: { plan_id: busy, parameters: { auto_trigger: false } } });
    assert.ok((await api.items(`?policy_id=${busy}`)).every((i) => i.status === "protecting"));
    assert.ok((await api.items(`?policy_id=${draining}`)).every((i) => i.status === "deleting"));

    await admin(cloud, "DELETE", "/requests");
    const destroying = stack.destroy();
    const refused = await finishBackupsOnceRefused(busy, destroying);
    const destroy = await destroying;
    assert.equal(destroy.code, 0, destroy.output.slice(-3000));
    assert.ok(refused, "the destroy reached the busy policy while its backup ran");
    const log = await requestLog(cloud);
    await settings({ protectSeconds: 0, deleteSeconds: 1 });

    const busyCalls = log.filter((r) => onePolicy(busy).test(r.path));
    const deletes = busyCalls.filter((r) => r.method === "DELETE");
    assert.ok(deletes.some((r) => r.status === 409), "the delete was refused while the backup ran");
    assert.ok(ok2xx(deletes[deletes.length - 1]!.status), "and succeeded once it finished");
    assert.ok(deletes.length <= 5, `${deletes.length} DELETEs: the provider waits between tries instead of looping`);
    assertEveryRetryWasPrecededByARead(busyCalls);

    const drainingDeletes = matching(log, "DELETE", onePolicy(draining));
    assert.deepEqual(drainingDeletes.map((r) => r.status).map(ok2xx), [true], "a policy whose backups are deleting is deleted at once");
    assert.deepEqual(await api.policies(), []);
    assert.ok((await api.items()).some((i) => i.status === "deleting"), "the slow backup deletion carries on; nothing waited for it");
  });
});

/** A weekly run 12 hours from now: moving the cloud's clock by ten minutes never reaches a scheduled run. */
function farFromNow(): { times: string[]; weekdays: string[] } {
  const at = new Date(Date.now() + 12 * 3600_000);
  const hhmm = `${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`;
  return { times: [hhmm], weekdays: [["SU", "MO", "TU", "WE", "TH", "FR", "SA"][at.getUTCDay()]!] };
}

/** Between two DELETEs of the same policy the provider looked (GET) first: it never re-sent DELETE blindly. */
function assertEveryRetryWasPrecededByARead(calls: readonly LoggedRequest[]): void {
  let sinceDelete = -1;
  for (const r of calls) {
    if (r.method === "DELETE") {
      assert.ok(sinceDelete !== 0, `a DELETE followed another without a read in between: ${JSON.stringify(calls.map((c) => `${c.method} ${c.status}`))}`);
      sinceDelete = 0;
    } else if (r.method === "GET" && sinceDelete >= 0) sinceDelete++;
  }
}
