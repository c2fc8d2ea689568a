import * as assert from "node:assert/strict";
import { admin, type TestCloud } from "../../support/cloud";
import type { EngineStack } from "../../support/engine";
import type { Dialect } from "./dialect";
import { outputsOf, scenarioStack, webServers } from "./program";

/** The local time and weekday of a UTC instant in a zone, e.g. "TH 14:00". */
function localSlot(utc: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(utc);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("weekday").slice(0, 2).toUpperCase()} ${get("hour")}:${get("minute")}`;
}

/**
 * Acceptance 9, the scheduler proof: a policy declared for Mondays and Thursdays at 02:00 and 14:00 in
 * Europe/Paris makes backups exactly at those local times once the cloud's clock moves a week on; a disabled
 * policy makes none.
 */
export function describeScheduler(d: Dialect): void {
  describe("schedules declared in the user's zone run at those local times", function () {
    this.timeout(300_000);
    let cloud: TestCloud;
    let stack: EngineStack;

    before(async () => {
      cloud = await d.startCloud();
      const [a, b] = webServers(cloud, 2, 90);
      const schedule = { times: ["02:00", "14:00"], weekdays: ["MO", "TH"], timezone: "Europe/Paris" };
      stack = await scenarioStack(cloud, `${d.api}-scheduler`, { policies: [
        { resource: "paris", args: { schedule, retention: { maxBackups: 20 } }, associations: [{ resource: "paris-servers", serverIds: [a] }] },
        { resource: "off", args: { schedule, enabled: false, retention: { maxBackups: 20 } }, associations: [{ resource: "off-servers", serverIds: [b] }] },
      ] }, { api: d.api });
    });
    after(async () => {
      stack?.dispose();
      await cloud?.close();
    });

    it("backs up at Monday and Thursday 02:00 and 14:00 Paris time, and not at all when disabled", async () => {
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
      const outs = await outputsOf(stack);
      await admin(cloud, "POST", "/clock", { advanceSeconds: 7 * 86400 });

      const api = await d.login(cloud);
      const made = await api.backups(String(outs.paris.id));
      const slots = made.map((b) => localSlot(b.createdAt, "Europe/Paris"));
      assert.ok(made.length >= 4, `a week of runs made ${made.length} backups`);
      for (const slot of slots) assert.ok(["MO 02:00", "MO 14:00", "TH 02:00", "TH 14:00"].includes(slot), `a backup ran at ${slot} Paris time`);
      assert.deepEqual([...new Set(slots)].sort(), ["MO 02:00", "MO 14:00", "TH 02:00", "TH 14:00"]);
      assert.deepEqual(await api.backups(String(outs.off.id)), []);
    });
  });
}
