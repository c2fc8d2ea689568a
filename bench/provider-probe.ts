/**
 * Preloaded into every Node process of a benched engine operation (`NODE_OPTIONS=--require …`); active only
 * in the dynamic-provider process and only when PULUMI_CSBS_BENCH_PROBE_FILE is set. It records that
 * process's total CPU (user + system, from `process.cpuUsage()`), and counts and times every call of the
 * pulumi-csbs hooks by wrapping the hooks modules as the serialized loader requires them. Nothing in the
 * provider changes: the probe sits outside it, so the measured code is the shipped code.
 *
 * The record is written every 250 ms and when the engine ends the process (it sends SIGINT to the plugin's
 * process group; the probe writes, then lets the signal do what it would have done). Not after every hook
 * call: a profile showed those writes costing more CPU than some hooks, and the baseline has no hooks.
 */
import * as fs from "node:fs";
import * as inspector from "node:inspector";
import Module = require("node:module");

export const PROBE_FILE_ENV = "PULUMI_CSBS_BENCH_PROBE_FILE";
/** When set, the provider process also writes a V8 CPU profile (`<pid>.cpuprofile`) into this directory. */
export const CPU_PROFILE_DIR_ENV = "PULUMI_CSBS_BENCH_CPU_PROFILE_DIR";

/** What one provider process recorded. */
export interface ProbeRecord {
  pid: number;
  /** CPU of the whole process since it started, user + system, in ms. */
  cpuMs: number;
  /** Per hook (`policy.check`, `association.create`, …): calls and their summed wall time. */
  hooks: Record<string, { calls: number; wallMs: number }>;
}

// The public subpath the loader text uses (`pulumi-csbs/provider/policy-hooks`) and the file path of 0.1.0 state.
const HOOKS_MODULE = /provider\/(?:hooks\/)?(policy|association)-hooks(?:\.js)?$/;
const HOOK_NAMES = new Set(["check", "diff", "create", "read", "update", "delete"]);

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Profiles the provider process with the inspector (not `--cpu-prof` in NODE_OPTIONS, which would profile the
 * language host too and upsets its SDK check); the profile is written when the process is told to stop.
 */
function startCpuProfile(dir: string): () => void {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
  let written = false;
  return () => {
    if (written) return;
    written = true;
    // Main-thread inspector sessions answer synchronously, so the profile is on disk before the process ends.
    session.post("Profiler.stop", (err, result) => {
      if (!err) fs.writeFileSync(`${dir}/${process.pid}.cpuprofile`, JSON.stringify(result.profile));
    });
  };
}

function install(file: string): void {
  const profileDir = process.env[CPU_PROFILE_DIR_ENV];
  const writeProfile = profileDir ? startCpuProfile(profileDir) : () => undefined;
  const record: ProbeRecord = { pid: process.pid, cpuMs: 0, hooks: {} };
  const flush = () => {
    record.cpuMs = cpuMs();
    try {
      fs.writeFileSync(`${file}.${process.pid}.json`, JSON.stringify(record));
    } catch {
      // A probe must never break the process it measures.
    }
  };
  setInterval(flush, 250).unref();
  process.on("exit", () => {
    flush();
    writeProfile();
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    const onSignal = () => {
      flush();
      writeProfile();
      process.removeListener(signal, onSignal);
      // With no listener left the default action (terminate) applies, as if the probe were not there.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }

  // Only a clock read per call: anything heavier would be charged to the hooks it measures.
  const leave = (name: string, started: number) => {
    const h = (record.hooks[name] ??= { calls: 0, wallMs: 0 });
    h.calls++;
    h.wallMs += performance.now() - started;
  };

  const wrapped = new WeakMap<object, Record<string, unknown>>();
  const wrap = (kind: string, exports: Record<string, unknown>): Record<string, unknown> => {
    let w = wrapped.get(exports);
    if (w) return w;
    w = {};
    for (const key of Object.keys(exports)) {
      const fn = exports[key];
      if (typeof fn !== "function" || !HOOK_NAMES.has(key)) {
        Object.defineProperty(w, key, { enumerable: true, get: () => exports[key] });
        continue;
      }
      const name = `${kind}.${key}`;
      w[key] = (...args: unknown[]) => {
        const started = performance.now();
        let result: unknown;
        try {
          result = (fn as (...a: unknown[]) => unknown)(...args);
        } catch (err) {
          leave(name, started);
          throw err;
        }
        if (result instanceof Promise) return result.finally(() => leave(name, started));
        leave(name, started);
        return result;
      };
    }
    wrapped.set(exports, w);
    return w;
  };

  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    const exports = original.call(this, request, ...rest);
    const match = typeof request === "string" ? HOOKS_MODULE.exec(request) : null;
    return match && exports && typeof exports === "object" ? wrap(match[1], exports as Record<string, unknown>) : exports;
  };
}

const target = process.env[PROBE_FILE_ENV];
if (target && /dynamic-provider/.test(process.argv[1] ?? "")) install(target);
