/** The server directory: one Nova and one Cinder listing, each read only as far as the questions need, serve every question; no failure is remembered. */
import * as assert from "node:assert/strict";
import type { CinderClient } from "../../../provider/clients/cinder";
import type { NovaClient } from "../../../provider/clients/nova";
import { PageCursor } from "../../../provider/clients/pagination";
import { ServerDirectory } from "../../../provider/hooks/server-facts";
import type { CinderVolume } from "../../../provider/wire/cinder";
import type { NovaServer } from "../../../provider/wire/nova";

const server = (id: string, volumes: string[] = []): NovaServer =>
  ({ id, name: `name-${id}`, status: "ACTIVE", "os-extended-volumes:volumes_attached": volumes.map((v) => ({ id: v })) }) as unknown as NovaServer;
const volume = (id: string, multiattach: boolean): CinderVolume => ({ id, size: 1, status: "in-use", bootable: "false", multiattach, attachments: [] });

/** A listing of scripted pages, read through the clients' own cursor; `failOnce` names pages (from 1) whose first read fails. */
function pages<T>(label: string, script: T[][], calls: string[], failOnce: number[] = []): PageCursor<T> {
  const failing = new Set(failOnce);
  return new PageCursor<T>({}, async (query) => {
    const n = Number(query.marker ?? "0") + 1;
    calls.push(`${label} page ${n}`);
    if (failing.delete(n)) throw new Error(`${label} page ${n} down`);
    const items = script[n - 1] ?? [];
    return { items, links: n < script.length ? [{ rel: "next", href: `/list?marker=${n}` }] : [] };
  });
}

/** Nova and Cinder whose answers are scripted: listings page by page, single reads per call (an Error is thrown once). */
function clouds(script: {
  servers?: NovaServer[][];
  failServerPages?: number[];
  gets?: Record<string, Array<NovaServer | undefined | Error>>;
  volumes?: CinderVolume[][];
  volume?: Record<string, CinderVolume>;
}) {
  const calls: string[] = [];
  const answer = <T>(value: T | Error): Promise<T> => (value instanceof Error ? Promise.reject(value) : Promise.resolve(value));
  const nova = {
    serverPages: () => pages("nova", script.servers ?? [[]], calls, script.failServerPages),
    getServer: (id: string) => (calls.push(`nova get ${id}`), answer(script.gets?.[id]?.shift())),
  } as unknown as NovaClient;
  const cinder = {
    volumePages: () => pages("cinder", script.volumes ?? [[]], calls),
    getVolume: (id: string) => (calls.push(`cinder get ${id}`), answer(script.volume?.[id])),
  } as unknown as CinderClient;
  return { directory: new ServerDirectory(nova, cinder), calls };
}

describe("ServerDirectory", () => {
  it("answers every server and disk from one Nova and one Cinder listing", async () => {
    const { directory, calls } = clouds({ servers: [[server("a", ["v1"]), server("b", ["v2"])]], volumes: [[volume("v1", true), volume("v2", false)]] });
    assert.deepEqual((await directory.facts("a"))?.sharedVolumeIds, ["v1"]);
    assert.deepEqual((await directory.facts("b"))?.sharedVolumeIds, []);
    assert.equal(await directory.nameOf("a"), "name-a");
    assert.deepEqual((await directory.selectable()).map((s) => s.id), ["a", "b"]);
    assert.deepEqual(calls, ["nova page 1", "cinder page 1"]);
  });

  it("reads the listings only as far as the asked servers and their disks: later pages are read when a later question needs them", async () => {
    const { directory, calls } = clouds({
      servers: [[server("new", ["v-new"])], [server("mid", ["v-mid"])], [server("old", ["v-old"])]],
      volumes: [[volume("v-new", false)], [volume("v-mid", true)], [volume("v-old", false)]],
    });
    assert.deepEqual((await directory.facts("new"))?.sharedVolumeIds, []);
    assert.deepEqual(calls, ["nova page 1", "cinder page 1"]);
    assert.deepEqual((await directory.facts("mid"))?.sharedVolumeIds, ["v-mid"]);
    assert.deepEqual(calls, ["nova page 1", "cinder page 1", "nova page 2", "cinder page 2"]);
    assert.deepEqual((await directory.selectable()).map((s) => s.id), ["new", "mid", "old"]);
    assert.deepEqual(calls, ["nova page 1", "cinder page 1", "nova page 2", "cinder page 2", "nova page 3"]);
  });

  it("asks for a server and a disk the listings lack on their own, once each, after reading each listing to its end", async () => {
    const { directory, calls } = clouds({ servers: [[server("a", ["v1"])], [server("b")]], gets: { c: [server("c", ["v9"])] }, volumes: [[volume("v1", false)], []], volume: { v9: volume("v9", true) } });
    assert.deepEqual((await directory.facts("c"))?.sharedVolumeIds, ["v9"]);
    assert.deepEqual((await directory.facts("c"))?.sharedVolumeIds, ["v9"]);
    assert.deepEqual(calls, ["nova page 1", "nova page 2", "nova get c", "cinder page 1", "cinder page 2", "cinder get v9"]);
  });

  it("says undefined for a server Nova does not know, and its id as its name", async () => {
    const { directory } = clouds({ servers: [[]] });
    assert.equal(await directory.facts("gone"), undefined);
    assert.equal(await directory.nameOf("gone"), "gone");
  });

  it("asks again after a failed page or a failed single read instead of keeping the failure, and reads no page twice once it arrived", async () => {
    const { directory, calls } = clouds({ servers: [[server("a")], []], failServerPages: [1, 2], gets: { d: [new Error("blip"), server("d")] } });
    await assert.rejects(directory.facts("d"), /nova page 1 down/);
    await assert.rejects(directory.facts("d"), /nova page 2 down/);
    await assert.rejects(directory.facts("d"), /blip/);
    assert.equal((await directory.facts("d"))?.id, "d");
    assert.equal((await directory.facts("a"))?.id, "a");
    assert.deepEqual(calls, ["nova page 1", "nova page 1", "nova page 2", "nova page 2", "nova get d", "nova get d"]);
  });

  it("answers several servers at once as it answers each, with the same requests: the listings, a GET only for what they lack", async () => {
    const script = () => ({
      servers: [[server("a", ["v1"]), server("b", ["v2", "v3"]), server("e")]],
      gets: { c: [server("c", ["v9"])] },
      volumes: [[volume("v1", true), volume("v2", false), volume("v3", true)]],
      volume: { v9: volume("v9", true) },
    });
    const ids = ["a", "b", "c", "gone", "e"];
    const each = clouds(script());
    const one = await Promise.all(ids.map((id) => each.directory.facts(id)));
    const batch = clouds(script());
    const all = await batch.directory.factsOf(ids);
    assert.deepEqual([...all.keys()], ids);
    assert.deepEqual([...all.values()], one);
    assert.deepEqual(all.get("b")?.sharedVolumeIds, ["v3"]);
    assert.deepEqual([...batch.calls].sort(), [...each.calls].sort());
    assert.deepEqual([...batch.calls].sort(), ["cinder get v9", "cinder page 1", "nova get c", "nova get gone", "nova page 1"]);
  });

  it("starts reading volumes at the first page that shows an asked server with a disk, before the next server page", async () => {
    const calls: string[] = [];
    let secondPage!: () => void;
    const pending = new Promise<void>((r) => (secondPage = r));
    const nova = {
      serverPages: () =>
        new PageCursor<NovaServer>({}, async (query) => {
          if (!query.marker) {
            calls.push("nova page 1");
            return { items: [server("x"), server("a", ["v1"])], links: [{ rel: "next", href: "/servers/detail?marker=a" }] };
          }
          await pending;
          calls.push("nova page 2");
          return { items: [server("b", ["v2"])] };
        }),
    } as unknown as NovaClient;
    const cinder = { volumePages: () => pages("cinder", [[volume("v1", true), volume("v2", false)]], calls) } as unknown as CinderClient;
    const facts = new ServerDirectory(nova, cinder).factsOf(["a", "b"]);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(calls, ["nova page 1", "cinder page 1"]);
    secondPage();
    const answer = await facts;
    assert.deepEqual([answer.get("a")?.sharedVolumeIds, answer.get("b")?.sharedVolumeIds], [["v1"], []]);
    assert.deepEqual(calls, ["nova page 1", "cinder page 1", "nova page 2"]);
  });

  it("sends no Cinder request when the asked servers have no disk, though other servers of the project have", async () => {
    const { directory, calls } = clouds({ servers: [[server("a"), server("b", ["v1"])]], volumes: [[volume("v1", true)]] });
    assert.deepEqual((await directory.factsOf(["a"])).get("a")?.sharedVolumeIds, []);
    assert.deepEqual(calls, ["nova page 1"]);
  });

  it("sends no Cinder request for servers without disks, and no request at all for no server", async () => {
    const { directory, calls } = clouds({ servers: [[server("a"), server("b")]] });
    assert.equal((await directory.factsOf([])).size, 0);
    assert.deepEqual(calls, []);
    assert.deepEqual([...(await directory.factsOf(["a", "b"])).values()].map((f) => f?.sharedVolumeIds), [[], []]);
    assert.deepEqual(calls, ["nova page 1"]);
  });
});
