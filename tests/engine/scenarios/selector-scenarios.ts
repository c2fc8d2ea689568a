import * as assert from "node:assert/strict";
import type { TestCloud } from "../../support/cloud";
import type { EngineStack, PreviewJson } from "../../support/engine";
import type { Dialect, ScenarioApi } from "./dialect";
import { NovaTags } from "./nova-tags";
import { BASIC_SCHEDULE, changedSteps, outputsOf, scenarioStack, serverIds, setProgram, webServers, type ProgramSpec } from "./program";

/** One policy whose association chooses its servers by selector. */
function selectorProgram(selector: { tags?: string[]; metadata?: Record<string, string> }, extra: { allowEmpty?: boolean } = {}): ProgramSpec {
  return { policies: [{
    resource: "tagged", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } },
    associations: [{ resource: "tagged-servers", serverSelector: selector, ...extra }],
  }] };
}

/** The association's `serverIds` input before and after the preview's step (the list the diff compares). */
function plannedServerIds(preview: PreviewJson, resource: string): { before: string[]; after: string[] } {
  const step = (preview.steps ?? []).find((s) => s.urn.endsWith(`::${resource}`)) as
    | { oldState?: { inputs?: { serverIds?: string[] } }; newState?: { inputs?: { serverIds?: string[] } } }
    | undefined;
  assert.ok(step, `the preview has a step for ${resource}: ${preview.result.output}`);
  return { before: step.oldState?.inputs?.serverIds ?? [], after: step.newState?.inputs?.serverIds ?? [] };
}

/**
 * Acceptance 3 and 4 of servers chosen by tag: a selector resolves in every preview into the exact ids the diff
 * compares, follows tags changed through Nova, and fails the preview naming the servers when the resolved list
 * breaks a rule or is empty.
 */
export function describeServerSelector(d: Dialect): void {
  describe("servers chosen by Nova tags and metadata", function () {
    this.timeout(300_000);
    let cloud: TestCloud;
    let api: ScenarioApi;
    let nova: NovaTags;
    let stack: EngineStack;

    before(async () => {
      cloud = await d.startCloud();
      api = await d.login(cloud);
      nova = await NovaTags.login(cloud);
      stack = await scenarioStack(cloud, `${d.api}-selector`, selectorProgram({ tags: ["web", "prod"] }), { api: d.api });
    });
    after(async () => {
      stack?.dispose();
      await cloud?.close();
    });

    it("associates exactly the 3 servers tagged web and prod, then follows a tag added and a tag removed through Nova", async () => {
      const three = serverIds(cloud, "web-000", "web-001", "web-002").sort();
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
      const outs = await outputsOf(stack);
      assert.deepEqual(outs["tagged-servers"].serverIds, three);
      assert.deepEqual((await api.summary(String(outs.tagged.id))).servers, three);

      const [fourth] = serverIds(cloud, "web-003"); // tagged web only
      await nova.add("prod", fourth);
      const four = [...three, fourth].sort();
      const grow = await stack.previewJson();
      assert.deepEqual(changedSteps(grow), ["update tagged-servers"], grow.result.output);
      assert.deepEqual(plannedServerIds(grow, "tagged-servers"), { before: three, after: four });
      const up2 = await stack.up();
      assert.equal(up2.code, 0, up2.output);
      assert.deepEqual((await api.summary(String(outs.tagged.id))).servers, four);
      assert.deepEqual((await outputsOf(stack))["tagged-servers"].serverIds, four);

      await nova.remove("prod", three[1]);
      const shrink = await stack.previewJson();
      assert.deepEqual(changedSteps(shrink), ["update tagged-servers"], shrink.result.output);
      assert.deepEqual(plannedServerIds(shrink, "tagged-servers"), { before: four, after: four.filter((id) => id !== three[1]) });
    });

    it("fails the previews of a selector matching 65 servers, a server held outside the stack, and nothing, naming servers and fix", async () => {
      const failing = await scenarioStack(cloud, `${d.api}-selector-rules`, selectorProgram({ tags: ["fleet"] }), { api: d.api });
      try {
        const fleet = webServers(cloud, 65, 20);
        await nova.add("fleet", ...fleet);
        const big = await failing.preview();
        assert.notEqual(big.code, 0, big.output);
        assert.match(big.output, /`serverSelector` \(tags fleet\) matches 65 servers \(web-020, web-021, .*web-084\)/);
        assert.match(big.output, /at most 64 servers/);
        assert.match(big.output, /narrow the selector/);
        await nova.remove("fleet", ...fleet);

        const [held] = webServers(cloud, 1, 90);
        const outside = await api.createPolicy("held-outside", [held]);
        await nova.add("held", held);
        setProgram(failing, selectorProgram({ tags: ["held"] }));
        const taken = await failing.preview();
        assert.notEqual(taken.code, 0, taken.output);
        assert.match(taken.output, new RegExp(`\`serverSelector\` \\(tags held\\) matches server "${held}" \\(web-090\\)`));
        assert.match(taken.output, /already in policy "held-outside"/);
        assert.match(taken.output, /set takeOver: true/);
        assert.match(taken.output, /change its tags or metadata, or narrow the selector/);
        await api.deletePolicy(outside.id);

        setProgram(failing, selectorProgram({ tags: ["nothing-has-this"] }));
        const none = await failing.preview();
        assert.notEqual(none.code, 0, none.output);
        assert.match(none.output, /`serverSelector` \(tags nothing-has-this\) matches no server in the project/);
        assert.match(none.output, /set allowEmpty: true/);
        assert.equal((await api.policies()).length, 1, "only the first test's policy exists");
      } finally {
        failing.dispose();
      }
    });
  });
}

