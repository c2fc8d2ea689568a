import * as assert from "node:assert/strict";
import { admin } from "../../support/cloud";
import { webServers } from "../provider/scenario-support";
import { EngineStack, KarborDirect, karborStack, startKarborTestCloud, type TestCloud } from "./karbor-scenario-support";

function localSlot(utc: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(utc);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("weekday").slice(0, 2).toUpperCase()} ${get("hour")}:${get("minute")}`;
}

/** Acceptance 9 with csbs:api = karbor: the shared scheduler runs Karbor plans at the declared local times. */
describe("Karbor schedules declared in the user's zone run at those local times", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;

  before(async () => {
    cloud = await startKarborTestCloud();
    const [a, b] = webServers(cloud, 2, 90);
    const schedule = { times: ["02:00", "14:00"], weekdays: ["MO", "TH"], timezone: "Europe/Paris" };
    stack = await karborStack(cloud, "karbor-scheduler", { policies: [
      { resource: "paris", args: { schedule, retention: { maxBackups: 20 } }, associations: [{ resource: "paris-servers", serverIds: [a] }] },
      { resource: "off", args: { schedule, enabled: false, retention: { maxBackups: 20 } }, associations: [{ resource: "off-servers", serverIds: [b] }] },
    ] });
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("backs up at Monday and Thursday 02:00 and 14:00 Paris time, and not at all when disabled", async () => {
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const outs = (await stack.outputs()) as Record<string, Record<string, unknown>>;
    await admin(cloud, "POST", "/clock", { advanceSeconds: 7 * 86400 });
    const made = (await KarborDirect.backups(cloud, String(outs.paris.id))).filter((b) => b.automatic);
    const slots = made.map((b) => localSlot(new Date(b.createdAt), "Europe/Paris"));
    assert.ok(made.length >= 4, `a week of runs made ${made.length} backups`);
    for (const slot of slots) assert.ok(["MO 02:00", "MO 14:00", "TH 02:00", "TH 14:00"].includes(slot), `a backup ran at ${slot} Paris time`);
    assert.deepEqual([...new Set(slots)].sort(), ["MO 02:00", "MO 14:00", "TH 02:00", "TH 14:00"]);
    assert.deepEqual(await KarborDirect.backups(cloud, String(outs.off.id)), []);
  });
});
