import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildProgram } from "../../../sdk/cli/main";
import { REPO_ROOT } from "../../support/engine";

const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

describe("the pulumi-csbs program", () => {
  const program = buildProgram();
  const commands = new Map(program.commands.map((c) => [c.name(), c]));

  it("has the four commands the README lists, each with the options it shows", () => {
    assert.deepEqual([...commands.keys()].sort(), ["backup-now", "jobs", "restore", "status"]);
    const usage = [...readme.matchAll(/^pulumi-csbs (\S+) (.*)$/gm)];
    assert.equal(usage.length, 4, "the README's usage block lists each command once");
    for (const [, name, rest] of usage) {
      const command = commands.get(name);
      assert.ok(command, `the README lists ${name}, which the program lacks`);
      const flags = [...rest.matchAll(/--[a-z-]+/g)].map((m) => m[0]).sort();
      const own = command.options.map((o) => o.long ?? "").filter((f) => f !== "--timeout" && f !== "--interval").sort();
      assert.deepEqual(flags, own, `options of ${name}`);
    }
  });

  it("documents every global option (--stack, --profile, --cloud) in --help and in the README's day-2 settings", () => {
    // Commander wraps the help to the terminal's width.
    const help = program.helpInformation().replace(/\s+/g, " ");
    const settings = readme.slice(readme.indexOf("## Day-2 operations"), readme.indexOf("### A disaster-recovery drill"));
    const globals = program.options.map((o) => o.long ?? "");
    assert.deepEqual([...globals].sort(), ["--cloud", "--profile", "--stack"]);
    for (const flag of globals) {
      assert.match(help, new RegExp(`${flag} <name>`), `--help lacks ${flag}`);
      assert.match(settings, new RegExp(`\`${flag} NAME\``), `the README's day-2 section lacks ${flag}`);
    }
    assert.match(help, /--profile <name> use this profile's project and region \(csbs:profiles\.<name>\.\*, over the stack-wide settings\) of --stack, or of the current stack without --stack/);
    assert.match(help, /--stack <name> use this Pulumi stack's csbs:\* and openstack:\* configuration/);
  });

  it("accepts every command line of the README's walk-through", () => {
    const lines = [...readme.matchAll(/`(pulumi-csbs [^`]+)`/g)].map((m) => m[1]).filter((l) => !l.includes("--help"));
    assert.ok(lines.length >= 5, lines.join("\n"));
    for (const line of lines) {
      const words = line.replace(/<[^>]+>/g, "X").split(/\s+/).slice(1);
      const globals = new Set(program.options.map((o) => o.long));
      let i = 0;
      while (words[i]?.startsWith("--") && globals.has(words[i])) i += 2;
      const command = commands.get(words[i]);
      assert.ok(command, `${line}: no command ${words[i]}`);
      const known = new Set(command.options.map((o) => o.long));
      for (const w of words.slice(i + 1).filter((x) => x.startsWith("--"))) assert.ok(known.has(w), `${line}: ${w} is not an option of ${words[i]}`);
    }
  });
});
