/**
 * Runs Pulumi programs through the real engine (the `pulumi` CLI built by scripts/setup-engine.sh), offline:
 * a file:// backend, its own PULUMI_HOME, a passphrase, no update checks, no plugin acquisition.
 *
 * Programs consume pulumi-csbs the way users do: the package is packed with `npm pack` and the tarball is
 * installed into a base directory's node_modules, under which every test program gets its own directory.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

export interface EngineResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for searching messages. */
  output: string;
}

/** The directory holding pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs. */
export function engineBin(): string {
  const fromEnv = process.env.PULUMI_CSBS_ENGINE_BIN;
  if (fromEnv && fs.existsSync(path.join(fromEnv, "pulumi"))) return fromEnv;
  try {
    const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "setup-engine.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const bin = out.trim().split("\n").pop() ?? "";
    process.env.PULUMI_CSBS_ENGINE_BIN = bin;
    return bin;
  } catch (err) {
    throw new Error(
      `the Pulumi engine is not available and could not be built: ${(err as Error).message}\n` +
        "run 'npm run setup-engine' (needs Go and the Go module proxy) and try again",
    );
  }
}

let baseDirPromise: Promise<string> | undefined;

/**
 * A directory whose node_modules holds the packed pulumi-csbs tarball (and through it @pulumi/pulumi),
 * plus typescript and ts-node for TypeScript programs. Built once per test process.
 */
export function programBase(): Promise<string> {
  baseDirPromise ??= buildProgramBase();
  return baseDirPromise;
}

async function buildProgramBase(): Promise<string> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-programs-"));
  // ~130 MB of node_modules per run: never leave it behind.
  process.once("exit", () => fs.rmSync(base, { recursive: true, force: true }));
  const packDir = path.join(base, ".pack");
  fs.mkdirSync(packDir);
  // The code is built already (npm test builds first); `prepack` (tsc, then the hooks bundle) is for fresh clones,
  // and several test workers running tsc at once would rewrite dist/ under each other. The bundle is made here, so
  // the package holds one of today's modules (each worker renames a whole file into place).
  const bundled = await exec(process.execPath, [path.join(REPO_ROOT, "scripts", "bundle-hooks.js")], { cwd: REPO_ROOT });
  if (bundled.code !== 0) throw new Error(`bundling the hooks failed:\n${bundled.output}`);
  const packed = await exec("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", packDir], { cwd: REPO_ROOT });
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
  const tarball = path.join(packDir, packed.stdout.trim().split("\n").pop() ?? "");
  fs.writeFileSync(
    path.join(base, "package.json"),
    JSON.stringify({ name: "csbs-test-programs", private: true, version: "0.0.0" }, null, 2),
  );
  const rootPkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  const installed = await exec(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--loglevel=error",
      tarball,
      `typescript@${rootPkg.devDependencies.typescript}`,
      `ts-node@${rootPkg.devDependencies["ts-node"]}`,
      `@types/node@${rootPkg.devDependencies["@types/node"]}`,
    ],
    { cwd: base },
  );
  if (installed.code !== 0) throw new Error(`installing the packed pulumi-csbs failed:\n${installed.output}`);
  return base;
}

export interface StackOptions {
  /** Project name (Pulumi.yaml `name`). */
  project: string;
  /** Program files by relative path: at least index.js or index.ts. */
  files: Record<string, string>;
  stack?: string;
  /** Plain stack config, e.g. {"csbs:authUrl": "..."}. */
  config?: Record<string, string>;
  /** Secret stack config (`pulumi config set --secret`). */
  secrets?: Record<string, string>;
  /** Extra environment for every engine command (e.g. OS_* variables). */
  env?: Record<string, string>;
}

/** One stack of one program, in its own temporary directory, state and PULUMI_HOME. */
export class EngineStack {
  private constructor(
    readonly dir: string,
    readonly stateDir: string,
    readonly home: string,
    readonly project: string,
    readonly stack: string,
    private extraEnv: Record<string, string>,
  ) {}

  static async create(opts: StackOptions): Promise<EngineStack> {
    const base = await programBase();
    const dir = fs.mkdtempSync(path.join(base, `${opts.project}-`));
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-engine-"));
    const stateDir = path.join(work, "state");
    const home = path.join(work, "home");
    fs.mkdirSync(stateDir);
    fs.mkdirSync(home);
    const stack = new EngineStack(dir, stateDir, home, opts.project, opts.stack ?? "dev", opts.env ?? {});
    stack.writeProgram(opts.files);
    await stack.cli(["stack", "init", stack.stack], { check: true });
    for (const [k, v] of Object.entries(opts.config ?? {})) await stack.setConfig(k, v);
    for (const [k, v] of Object.entries(opts.secrets ?? {})) await stack.setConfig(k, v, true);
    return stack;
  }

  /** Writes (or replaces) program files; Pulumi.yaml and package.json are generated unless given. */
  writeProgram(files: Record<string, string>): void {
    const main = files["index.ts"] !== undefined ? "index.ts" : "index.js";
    const all: Record<string, string> = {
      "Pulumi.yaml": `name: ${this.project}\nruntime: nodejs\nmain: ${main}\n`,
      "package.json": JSON.stringify({ name: this.project, private: true, main }, null, 2),
      ...files,
    };
    for (const [rel, content] of Object.entries(all)) {
      const p = path.join(this.dir, rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    }
  }

  setEnv(env: Record<string, string>): void {
    this.extraEnv = { ...this.extraEnv, ...env };
  }

  async setConfig(key: string, value: string, secret = false): Promise<void> {
    // The value goes through stdin-free argv; config values are never printed by the CLI.
    await this.cli(["config", "set", ...(secret ? ["--secret"] : ["--plaintext"]), key, "--", value], { check: true });
  }

  env(): NodeJS.ProcessEnv {
    const bin = engineBin();
    return {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? ""}`,
      PULUMI_HOME: this.home,
      PULUMI_BACKEND_URL: `file://${this.stateDir}`,
      PULUMI_CONFIG_PASSPHRASE: "csbs-test-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      NO_COLOR: "1",
      ...this.extraEnv,
    };
  }

  /** Runs `pulumi <args>` in the program directory. */
  async cli(args: string[], opts: { check?: boolean; env?: Record<string, string> } = {}): Promise<EngineResult> {
    // Global flags go first: after a "--" they would be taken as values.
    const result = await exec(path.join(engineBin(), "pulumi"), ["--non-interactive", "--color", "never", ...args], {
      cwd: this.dir,
      env: { ...this.env(), ...(opts.env ?? {}) },
    });
    if (opts.check && result.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} failed (exit ${result.code}):\n${result.output}`);
    }
    return result;
  }

  preview(extra: string[] = []): Promise<EngineResult> {
    return this.cli(["preview", "--diff", ...extra]);
  }

  /** `pulumi preview --json`: the engine's own structured account of the planned steps. */
  async previewJson(extra: string[] = []): Promise<PreviewJson> {
    const r = await this.cli(["preview", "--json", ...extra]);
    return { ...parseJsonOutput<PreviewJsonBody>(r), result: r };
  }

  up(extra: string[] = []): Promise<EngineResult> {
    return this.cli(["up", "--yes", "--skip-preview", ...extra]);
  }

  refresh(extra: string[] = []): Promise<EngineResult> {
    return this.cli(["refresh", "--yes", "--skip-preview", ...extra]);
  }

  destroy(extra: string[] = []): Promise<EngineResult> {
    return this.cli(["destroy", "--yes", "--skip-preview", ...extra]);
  }

  async outputs(): Promise<Record<string, unknown>> {
    const r = await this.cli(["stack", "output", "--json"], { check: true });
    return JSON.parse(r.stdout) as Record<string, unknown>;
  }

  /** The deployment as the engine exports it (`pulumi stack export`). */
  async exportState(): Promise<StateExport> {
    const r = await this.cli(["stack", "export"], { check: true });
    return JSON.parse(r.stdout) as StateExport;
  }

  /** Resources of the deployment of a given type token, e.g. "pulumi-nodejs:dynamic/csbs:BackupPolicy". */
  async resourcesOfType(type: string): Promise<StateResource[]> {
    const state = await this.exportState();
    return (state.deployment.resources ?? []).filter((r) => r.type === type);
  }

  /** The raw state file on disk, exactly as the file:// backend stored it. */
  stateFileText(): string {
    const found: string[] = [];
    (function walk(d: string) {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".json") && p.includes(`${path.sep}stacks${path.sep}`)) found.push(p);
      }
    })(path.join(this.stateDir, ".pulumi"));
    return found.map((f) => fs.readFileSync(f, "utf8")).join("\n");
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.rmSync(path.dirname(this.stateDir), { recursive: true, force: true });
  }
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export interface StateExport {
  version: number;
  deployment: { resources?: StateResource[]; [k: string]: unknown };
}

export interface PreviewJsonStep {
  op: string;
  urn: string;
  diffReasons?: string[];
  replaceReasons?: string[];
  detailedDiff?: Record<string, unknown> | null;
}

export interface PreviewJsonBody {
  steps?: PreviewJsonStep[];
  diagnostics?: Array<{ urn?: string; message: string; severity: string }>;
  changeSummary?: Record<string, number>;
}

export type PreviewJson = PreviewJsonBody & { result: EngineResult };

function parseJsonOutput<T>(r: EngineResult): T {
  const text = r.stdout.trim();
  const start = text.indexOf("{");
  if (start < 0) throw new Error(`expected JSON from the engine, got:\n${r.output}`);
  return JSON.parse(text.slice(start)) as T;
}

/** Runs a command asynchronously (so an in-process local cloud keeps serving) and collects its output. */
export function exec(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<EngineResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      output += d.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 10 * 60_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, output });
    });
  });
}
