/**
 * Installs Debian packages a test needs (e.g. python3-openstackclient) when they are missing, so a fresh
 * machine runs the same tests. Fails loudly, with the command to run by hand, when it cannot.
 */
import { execFile } from "node:child_process";

interface RunResult {
  code: number;
  output: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 127) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** True when dpkg says the package is installed. */
export async function isDebianPackageInstalled(pkg: string): Promise<boolean> {
  const r = await run("dpkg-query", ["-W", "-f=${Status}", pkg]);
  return r.code === 0 && r.output.includes("install ok installed");
}

/**
 * `apt-get` with its arguments, behind one machine-wide lock: spec files run in parallel processes, and two
 * `apt-get update` or `install` at once fail on apt's own locks instead of waiting.
 */
export function aptGetCommand(args: string[]): [string, string[]] {
  return ["flock", ["/run/lock/pulumi-csbs-apt.lock", "apt-get", "-o", "DPkg::Lock::Timeout=600", ...args]];
}

let updated: Promise<void> | undefined;
let installing: Promise<void> = Promise.resolve();

/**
 * Ensures every package is installed: runs `apt-get update` (once per process) and
 * `DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ...` for the missing ones.
 * Installs are serialized, since dpkg holds a lock.
 */
export function ensureDebianPackages(packages: string[]): Promise<void> {
  const step = installing.then(async () => {
    const missing: string[] = [];
    for (const p of packages) if (!(await isDebianPackageInstalled(p))) missing.push(p);
    if (missing.length === 0) return;
    const how = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing.join(" ")}`;
    updated ??= run(...aptGetCommand(["update"])).then((r) => {
      if (r.code !== 0) throw new Error(`apt-get update failed (exit ${r.code}); run as root: ${how}\n${r.output.slice(-2000)}`);
    });
    await updated;
    const r = await run(...aptGetCommand(["install", "-y", "--no-install-recommends", ...missing]), { ...process.env, DEBIAN_FRONTEND: "noninteractive" });
    if (r.code !== 0) {
      throw new Error(`installing Debian packages ${missing.join(", ")} failed (exit ${r.code}); run as root: ${how}\n${r.output.slice(-2000)}`);
    }
    for (const p of missing) {
      if (!(await isDebianPackageInstalled(p))) throw new Error(`Debian package ${p} is still not installed after apt-get install; run as root: ${how}`);
    }
  });
  installing = step.catch(() => undefined);
  return step;
}
