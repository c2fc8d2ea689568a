import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { SETTINGS_FIELDS } from "../../provider/config/settings";
import { renderPattern } from "../../provider/domain/pattern";
import { validateSchedule } from "../../provider/domain/schedule";
import { scheduleToUtcRules } from "../../provider/domain/utc-rules";
import { REPO_ROOT } from "../support/engine";
import { POLICIES } from "../../policy-pack/src/policies";
import { OPENSTACK_KEYS } from "../../provider/config/openstack-config-source";
import { documentedOpenstackKeys } from "../support/openstack-keys";

/**
 * The README cannot drift from the code: its TypeScript is copied from the examples, and what it says about
 * settings, inputs, error codes, messages and patterns is compared with what the code does now.
 */
const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
const examplesDir = path.join(REPO_ROOT, "examples");
const examples = fs.readdirSync(examplesDir).filter((d) => fs.existsSync(path.join(examplesDir, d, "Pulumi.yaml")));

function fencedBlocks(lang: string): string[] {
  const re = new RegExp("^```" + lang + "\\n([\\s\\S]*?)^```", "gm");
  return [...readme.matchAll(re)].map((m) => m[1]);
}

function normalize(text: string): string {
  return text
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .trim();
}

/** Property names of an exported interface of an SDK source file, read with the TypeScript parser. */
function interfaceMembers(file: string, name: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(REPO_ROOT, file), "utf8"), ts.ScriptTarget.ES2022, true);
  const found = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  assert.ok(found, `interface ${name} is not in ${file}`);
  return found.members.flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : []));
}

describe("README.md", () => {
  it("takes every TypeScript sample verbatim from an example program", () => {
    const sources = examples
      .map((e) => path.join(examplesDir, e, "index.ts"))
      .filter((f) => fs.existsSync(f))
      .map((f) => normalize(fs.readFileSync(f, "utf8")));
    const blocks = fencedBlocks("ts");
    assert.ok(blocks.length >= 3, `expected at least 3 TypeScript samples, found ${blocks.length}`);
    for (const block of blocks) {
      assert.ok(sources.some((s) => s.includes(normalize(block))), `this README sample is in no example's index.ts:\n${block}`);
    }
  });

  it("links every example, and every linked example exists", () => {
    for (const e of examples) assert.ok(readme.includes(`](examples/${e})`), `examples/${e} is not in the README`);
    for (const [, target] of readme.matchAll(/\]\((examples\/[^)#]+)\)/g)) {
      assert.ok(fs.existsSync(path.join(REPO_ROOT, target)), `the README links ${target}, which does not exist`);
    }
  });

  it("names every provider setting as stack config csbs:<setting>", () => {
    const missing = SETTINGS_FIELDS.filter((f) => !readme.includes(`\`csbs:${f}\``));
    assert.deepEqual(missing, []);
  });

  it("documents every input of BackupPolicy, its schedule, PolicyAssociation and ServerBackup", () => {
    const rows = [
      ...interfaceMembers("sdk/backup-policy.ts", "BackupPolicyArgs").filter((m) => m !== "schedule"),
      // ScheduleArgs is the union of the weekly and every-N-days shapes, both built on ScheduleTimes.
      ...[...new Set(["ScheduleTimes", "WeeklyScheduleArgs", "EveryNDaysScheduleArgs"].flatMap((i) => interfaceMembers("sdk/backup-policy.ts", i)))].map((m) => `schedule.${m}`),
      ...interfaceMembers("sdk/policy-association.ts", "PolicyAssociationArgs"),
      ...interfaceMembers("sdk/server-backup.ts", "ServerBackupArgs"),
    ];
    const missing = rows.filter((r) => !readme.includes(`| \`${r}\` |`));
    assert.deepEqual(missing, [], "inputs without a row in the README's resource tables");
  });

  it("explains every CSBS error code the provider maps, with cause and fix", () => {
    const mapped = [...fs.readFileSync(path.join(REPO_ROOT, "provider", "hooks", "service-error-fixes.ts"), "utf8").matchAll(/"(CSBS\.\d{4})"/g)].map((m) => m[1]);
    const promised = ["0001", "6004", "6000", "6001", "6006", "6010", "9001", "9007", "3000", "2003", "2004", "1001"].map((c) => `CSBS.${c}`);
    const codes = [...new Set([...mapped, ...promised])];
    const missing = codes.filter((c) => !new RegExp(`^\\| \`${c.replace(".", "\\.")}\` \\| [^|]+ \\| [^|]+ \\|$`, "m").test(readme));
    assert.deepEqual(missing, [], "codes without a troubleshooting row (| code | cause | fix |)");
  });

  it("quotes the message the provider gives for runs 30 minutes apart, word for word", () => {
    const quoted = fencedBlocks("text").map(normalize).find((b) => b.includes('"02:30"'));
    assert.ok(quoted, "no quoted message for runs at 02:00 and 02:30");
    const result = validateSchedule({ times: ["02:00", "02:30"] }, "schedule", new Date());
    assert.deepEqual(result.failures.map((f) => f.message), [quoted]);
  });

  it("shows the pattern the quickstart's schedule is sent as", () => {
    const { quickstartSchedule } = require(path.join(REPO_ROOT, "scripts", "quickstart-schedule-svg.js")) as { quickstartSchedule(): unknown };
    const { value } = validateSchedule(quickstartSchedule(), "schedule", new Date());
    assert.ok(value);
    const pattern = renderPattern(scheduleToUtcRules(value, new Date()));
    assert.ok(readme.includes(`\`${JSON.stringify(pattern).slice(1, -1)}\``), `the README does not show ${JSON.stringify(pattern)}`);
  });

  it("documents every rule of the policy pack with each of its settings and its default level", () => {
    for (const rule of POLICIES) {
      const row = readme.split("\n").find((l) => l.startsWith(`| \`${rule.name}\` |`));
      assert.ok(row, `no README table row for ${rule.name}`);
      for (const setting of Object.keys(rule.configSchema?.properties ?? {})) assert.ok(row.includes(`\`${setting}\``), `${rule.name}: ${setting}`);
      assert.ok(row.endsWith(`| ${rule.enforcementLevel} |`), `${rule.name} is ${rule.enforcementLevel} by default`);
    }
  });

  it("shows a policy pack config whose every key is a rule and every setting one of that rule's", () => {
    const block = fencedBlocks("json").find((b) => b.includes("csbs-minimum-retention"));
    assert.ok(block, "no JSON policy pack config in the README");
    const config = JSON.parse(block) as Record<string, string | Record<string, unknown>>;
    for (const [name, value] of Object.entries(config)) {
      const rule = POLICIES.find((p) => p.name === name);
      assert.ok(rule, `${name} is not a rule of the pack`);
      const settings = typeof value === "string" ? [] : Object.keys(value).filter((k) => k !== "enforcementLevel");
      for (const k of settings) assert.ok(k in (rule.configSchema?.properties ?? {}), `${name}.${k}`);
    }
  });

  it("names every openstack:* key the provider reads, and only keys it reads that @pulumi/openstack documents", () => {
    const read = new Set([...Object.values(OPENSTACK_KEYS).flat(), "endpointOverrides"]);
    const named = new Set([...readme.matchAll(/`openstack:(\w+)`/g)].map((m) => m[1]!));
    assert.deepEqual([...read].filter((k) => !named.has(k)), [], "keys the provider reads that the README does not name");
    assert.deepEqual([...named].filter((k) => !read.has(k)), [], "keys the README names that the provider does not read");
    const documented = documentedOpenstackKeys();
    assert.deepEqual([...read].filter((k) => !documented.has(k)), [], "keys the provider reads that @pulumi/openstack does not document");
  });
});
