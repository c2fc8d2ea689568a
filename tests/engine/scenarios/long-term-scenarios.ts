import * as assert from "node:assert/strict";
import { admin, type TestCloud } from "../../support/cloud";
import type { EngineStack } from "../../support/engine";
import type { Dialect, ScenarioApi } from "./dialect";
import { changedSteps, outputsOf, scenarioStack, setProgram, webServers, type ProgramSpec } from "./program";

const DAY_MS = 86_400_000;
const GFS = { maxBackups: 3, longTerm: { daily: 7, weekly: 4, monthly: 3 } };

function gfsProgram(retention: unknown, server: string): ProgramSpec {
  return { policies: [{
    resource: "gfs", args: { schedule: { times: ["01:00"], timezone: "Europe/Paris" }, retention },
    associations: [{ resource: "gfs-servers", serverIds: [server] }],
  }] };
}

/** Europe/Paris's offset from UTC now, in minutes, read from Intl (the deploy happens now). */
function parisOffsetNow(): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", timeZoneName: "longOffset" })
    .formatToParts(new Date()).find((p) => p.type === "timeZoneName")!.value; // "GMT+01:00"
  const m = /GMT([+-])(\d\d):(\d\d)/.exec(name)!;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The calendar labels of an instant at a fixed offset: day, ISO week (by its Thursday), month. */
function labels(ms: number, offsetMin: number): { day: string; week: string; month: string } {
  const d = new Date(ms + offsetMin * 60_000);
  const day = d.toISOString().slice(0, 10);
  const monday = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - monday + 3));
  const week = `${thursday.getUTCFullYear()}-W${Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / DAY_MS / 7) + 1}`;
  return { day, week, month: day.slice(0, 7) };
}

/**
 * The backups a 3-newest + 7 daily + 4 weekly + 3 monthly retention keeps after the last of `runs`: the union of
 * the newest three and the newest run of each of the last 7 days, 4 weeks and 3 months before the last run.
 */
function expectedKept(runs: number[], offsetMin: number): number[] {
  const last = runs[runs.length - 1]!;
  const want = { day: new Set<string>(), week: new Set<string>(), month: new Set<string>() };
  for (let k = 0; k < 7; k++) want.day.add(labels(last - k * DAY_MS, offsetMin).day);
  for (let k = 0; k < 4; k++) want.week.add(labels(last - k * 7 * DAY_MS, offsetMin).week);
  const lastLocal = new Date(last + offsetMin * 60_000);
  for (let k = 0; k < 3; k++) want.month.add(new Date(Date.UTC(lastLocal.getUTCFullYear(), lastLocal.getUTCMonth() - k, 1)).toISOString().slice(0, 7));
  const kept = new Set(runs.slice(-3));
  for (const kind of ["day", "week", "month"] as const) {
    const newest = new Map<string, number>();
    for (const t of runs) {
      const l = labels(t, offsetMin)[kind];
      if (want[kind].has(l)) newest.set(l, Math.max(newest.get(l) ?? 0, t));
    }
    for (const t of newest.values()) kept.add(t);
  }
  return [...kept].sort((a, b) => a - b);
}

/**
 * Long-term retention through the engine: on CSBS, 120 days of daily runs keep exactly the union of the newest 3
 * and the dailies, weeklies and monthlies, and the counts survive refresh without a diff; invalid counts and Karbor
 * fail the preview.
 */
export function describeLongTermRetention(d: Dialect): void {
  describe("long-term retention (daily, weekly, monthly, yearly)", function () {
    this.timeout(600_000);
    let cloud: TestCloud;
    let api: ScenarioApi;
    let server: string;
    const stacks: EngineStack[] = [];

    before(async () => {
      cloud = await d.startCloud();
      api = await d.login(cloud);
      [server] = webServers(cloud, 1, 60);
    });
    after(async () => {
      for (const s of stacks) s.dispose();
      await cloud?.close();
    });

    async function stackOf(name: string, spec: ProgramSpec): Promise<EngineStack> {
      const stack = await scenarioStack(cloud, `${d.api}-${name}`, spec, { api: d.api });
      stacks.push(stack);
      return stack;
    }

    async function expectPreviewFailure(stack: EngineStack, retention: unknown, ...patterns: RegExp[]): Promise<void> {
      setProgram(stack, gfsProgram(retention, server));
      const preview = await stack.preview();
      assert.notEqual(preview.code, 0, preview.output);
      for (const p of patterns) assert.match(preview.output, p);
    }

    if (d.api === "karbor") {
      it("fails the preview of a policy with longTerm on Karbor, naming the property and the reason", async () => {
        const stack = await stackOf("long-term-karbor", gfsProgram(GFS, server));
        await expectPreviewFailure(stack, GFS, /`retention\.longTerm` is set/, /Karbor .*has no long-term retention/, /remove longTerm/);
        assert.deepEqual(await api.policies(), []);
      });
      return;
    }

    it("keeps exactly the newest 3 and the 7 dailies, 4 weeklies and 3 monthlies of 120 days of 01:00 Paris runs", async () => {
      const start = Date.parse("2031-01-05T12:00:00Z");
      await admin(cloud, "POST", "/clock", { set: new Date(start).toISOString() });
      const stack = await stackOf("long-term", gfsProgram(GFS, server));
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
      const outs = await outputsOf(stack);
      const offset = parisOffsetNow();
      const zone = `UTC${offset < 0 ? "-" : "+"}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0")}:${String(Math.abs(offset) % 60).padStart(2, "0")}`;
      assert.equal(outs.gfs.longTermZone, zone);

      await admin(cloud, "POST", "/clock", { advanceSeconds: 120 * 86_400 });
      // 01:00 at the deploy-time offset, every day after the start, up to the end of the 120 days.
      const firstRun = Math.ceil((start + offset * 60_000 - 3_600_000) / DAY_MS) * DAY_MS + 3_600_000 - offset * 60_000;
      const runs: number[] = [];
      for (let t = firstRun; t <= start + 120 * DAY_MS; t += DAY_MS) runs.push(t);
      assert.equal(runs.length, 120);
      const expected = expectedKept(runs, offset);
      const kept = (await api.backups(String(outs.gfs.id))).map((b) => b.createdAt.getTime()).sort((a, b) => a - b);
      assert.equal(kept.length, expected.length);
      assert.deepEqual(kept.map((t) => new Date(t).toISOString()), expected.map((t) => new Date(t).toISOString()));

      const again = await stack.previewJson();
      assert.deepEqual(changedSteps(again), [], again.result.output);
      const refresh = await stack.refresh();
      assert.equal(refresh.code, 0, refresh.output);
      assert.deepEqual((await outputsOf(stack)).gfs.retention, { maxBackups: 3, longTerm: { daily: 7, weekly: 4, monthly: 3, yearly: 0 } });
      const afterRefresh = await stack.previewJson();
      assert.deepEqual(changedSteps(afterRefresh), [], afterRefresh.result.output);
    });

    it("fails the previews of a count of 101, of empty counts and of longTerm with permanent, with path, value, rule and fix", async () => {
      const stack = await stackOf("long-term-invalid", gfsProgram(GFS, server));
      const before = (await api.policies()).length;
      await expectPreviewFailure(stack, { maxBackups: 3, longTerm: { daily: 101 } },
        /`retention\.longTerm\.daily` is 101: a long-term count must be a whole number from 0 to 100; use at most 100/);
      await expectPreviewFailure(stack, { maxBackups: 3, longTerm: {} }, /`retention\.longTerm` keeps nothing: set at least one of daily, weekly, monthly, yearly above 0/);
      await expectPreviewFailure(stack, { permanent: true, longTerm: { daily: 7 } },
        /`retention\.longTerm` is set together with permanent: true, which already keeps every backup.*remove longTerm, or replace permanent/);
      assert.equal((await api.policies()).length, before);
    });
  });
}
