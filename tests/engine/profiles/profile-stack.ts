/**
 * A stack of the generated program whose stack-wide settings log in to the demo project, plus named profiles
 * (`csbs:profiles.<name>.<setting>`, set with `--path` the way the README tells users to).
 */
import { demoStackConfig, type TestCloud } from "../../support/cloud";
import { EngineStack } from "../../support/engine";
import { configureStack, programFiles, type ProgramSpec } from "../scenarios/program";

/** A profile's plain settings and its secret ones. */
export interface ProfileDecl {
  plain?: Record<string, string>;
  secret?: Record<string, string>;
}

/** Sets the profiles' settings in one CLI call. */
export async function setProfiles(stack: EngineStack, profiles: Record<string, ProfileDecl>): Promise<void> {
  const args: string[] = [];
  for (const [name, p] of Object.entries(profiles)) {
    for (const [k, v] of Object.entries(p.plain ?? {})) args.push("--plaintext", `csbs:profiles.${name}.${k}=${v}`);
    for (const [k, v] of Object.entries(p.secret ?? {})) args.push("--secret", `csbs:profiles.${name}.${k}=${v}`);
  }
  if (args.length > 0) await stack.cli(["config", "set-all", "--path", ...args], { check: true });
}

/**
 * The stack: stack-wide settings of the demo project in RegionOne as `user`, and the given profiles. The engine
 * blanks every secret's value out of its output, so a password that is also a project name ("demo") would hide
 * that name from the messages under test: give users passwords of their own.
 */
export async function profileStack(
  cloud: TestCloud,
  project: string,
  spec: ProgramSpec,
  profiles: Record<string, ProfileDecl>,
  user: { user: string; password: string },
): Promise<EngineStack> {
  const { config } = demoStackConfig(cloud, user.user);
  const stack = await EngineStack.create({ project, files: programFiles(spec) });
  await configureStack(stack, config, { "csbs:password": user.password });
  await setProfiles(stack, profiles);
  return stack;
}
