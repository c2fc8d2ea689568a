#!/usr/bin/env node
/**
 * `csbs-localcloud`: runs the local cloud until SIGINT/SIGTERM. Prints `auth URL: ...` once it is ready
 * (scripts and tests wait for that line).
 */
import { parseArgs } from "node:util";
import { startLocalCloud, type LocalCloudOptions } from "./index";

const HELP = `usage: csbs-localcloud [options]

A local CSBS/Karbor cloud (Keystone v3, Nova, Cinder, CSBS v1, scheduler) on one port.

options:
  --port N                 TCP port (0 = any free port)                         [default: 8799]
  --host ADDR              address to listen on                                 [default: 127.0.0.1]
  --state-dir DIR          keep state in DIR (survives kill -9); else in-memory
  --fixtures FILE          JSON fixtures file ({"regions":[...],"projects":[...]}); else the default fixtures
  --regions A,B,...        the catalog's regions, the first the default one        [default: the fixtures'
                           \`regions\`, else RegionOne,RegionTwo]; another region's endpoints are {url}/regions/NAME
  --token-ttl S            token lifetime in seconds                            [default: 3600]
  --tls                    serve HTTPS with a generated CA (its path is printed)
  --keystone-url URL       real-Keystone mode: validate tokens against this Keystone
  --service-user NAME      real-Keystone mode: the cloud's service user
  --service-project NAME   real-Keystone mode: the service user's project        [default: service]
  --service-domain NAME    real-Keystone mode: domain of user and project        [default: Default]
                           (the password is read from LOCALCLOUD_SERVICE_PASSWORD)
  --admin-secret S         require X-LocalCloud-Admin-Secret on /_localcloud/ (needed beyond loopback)
  --clock-start ISO        start the cloud's clock at this time
  --servers                print the fixtures' servers (project, name, id, status) and exit: the ids a
                           running cloud with the same fixtures has, with no token and no curl
  --region NAME            with --servers: that region's servers                  [default: the first region]
  --help                   show this help
`;

function fail(message: string): never {
  process.stderr.write(`csbs-localcloud: ${message}\n`);
  process.exit(2);
}

function intOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} is "${value}": use a whole number from ${min} to ${max}`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "state-dir": { type: "string" },
        fixtures: { type: "string" },
        "token-ttl": { type: "string" },
        tls: { type: "boolean" },
        "keystone-url": { type: "string" },
        "service-user": { type: "string" },
        "service-project": { type: "string" },
        "service-domain": { type: "string" },
        "admin-secret": { type: "string" },
        "clock-start": { type: "string" },
        servers: { type: "boolean" },
        regions: { type: "string" },
        region: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}; see --help`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const options: LocalCloudOptions = {
    port: intOption("port", values.port, 0, 65535) ?? 8799,
    host: values.host ?? "127.0.0.1",
    log: (line) => process.stderr.write(`[localcloud] ${line}\n`),
  };
  if (values["state-dir"]) options.stateDir = values["state-dir"];
  if (values.fixtures) options.fixtures = values.fixtures;
  const ttl = intOption("token-ttl", values["token-ttl"], 1, 7 * 86400);
  if (ttl !== undefined) options.tokenTtlSeconds = ttl;
  if (values.tls) options.tls = true;
  if (values["admin-secret"]) options.adminSecret = values["admin-secret"];
  if (values["clock-start"]) options.clock = { start: values["clock-start"] };
  if (values.regions !== undefined) options.regions = values.regions.split(",").map((r) => r.trim());
  if (values.region !== undefined && !values.servers) fail("--region goes with --servers (the running cloud serves every region; see --regions)");
  if (values["keystone-url"]) {
    const name = values["service-user"];
    const password = process.env.LOCALCLOUD_SERVICE_PASSWORD;
    if (!name || !password) fail("--keystone-url needs --service-user NAME and the password in LOCALCLOUD_SERVICE_PASSWORD");
    options.keystoneUrl = values["keystone-url"];
    options.serviceUser = { name, password, project: values["service-project"] ?? "service", domain: values["service-domain"] ?? "Default" };
  }

  if (values.servers) {
    // Ids are derived from the fixtures, so an in-memory cloud on any free port has the same ones.
    const probe = await startLocalCloud({ ...options, port: 0, host: "127.0.0.1", stateDir: undefined, log: () => undefined });
    const region = values.region ?? probe.regions[0]!.name;
    const known = probe.regions.map((r) => r.name);
    await probe.close();
    if (!known.includes(region)) fail(`--region is "${region}": the cloud's regions are ${known.join(", ")}`);
    const inRegion = (p: (typeof probe.fixtures.projects)[number]) => (region === known[0] ? p.servers : (p.regions?.[region]?.servers ?? []));
    const rows = probe.fixtures.projects.flatMap((p) => inRegion(p).map((s) => `${p.name}\t${s.name}\t${s.id}\t${s.status ?? "ACTIVE"}`));
    process.stdout.write(`project\tname\tid\tstatus\n${rows.join("\n")}\n`);
    return;
  }
  const cloud = await startLocalCloud(options);
  // Handlers first: a supervisor may signal as soon as it reads the ready line.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[localcloud] ${signal}: stopping\n`);
    cloud.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  const lines = [
    `local cloud: ${cloud.url}`,
    `auth URL: ${cloud.authUrl}`,
    `admin API: ${cloud.adminUrl}`,
    `regions: ${cloud.regions.map((r) => `${r.name} (${r.url})`).join(", ")}`,
  ];
  if (cloud.caCertPath) lines.push(`CA certificate: ${cloud.caCertPath}`);
  if (!options.keystoneUrl && options.fixtures === undefined) {
    lines.push("users (domain Default): demo/demo (member of demo), demo-reader/demo (reader), admin/admin (admin of demo), other/other (member of other)");
  }
  if (options.stateDir) lines.push(`state: ${options.stateDir}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((error: unknown) => fail((error as Error)?.message ?? String(error)));
