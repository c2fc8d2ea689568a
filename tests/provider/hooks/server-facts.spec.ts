/** The server directory: one Nova and one Cinder listing serve every question, and no failure is remembered. */
import * as assert from "node:assert/strict";
import type { CinderClient } from "../../../provider/clients/cinder";
import type { NovaClient } from "../../../provider/clients/nova";
import { ServerDirectory } from "../../../provider/hooks/server-facts";
import type { CinderVolume } from "../../../provider/wire/cinder";
import type { NovaServer } from "../../../provider/wire/nova";

const server = (id: string, volumes: string[] = []): NovaServer =>
  ({ id, name: `name-${id}`, status: "ACTIVE", "os-extended-volumes:volumes_attached": volumes.map((v) => ({ id: v })) }) as unknown as NovaServer;
const volume = (id: string, multiattach: boolean): CinderVolume => ({ id, size: 1, status: "in-use", bootable: "false", multiattach, attachments: [] });

/** Nova and Cinder whose answers are scripted per call: an Error in the script is thrown once. */
function clouds(script: { lists?: Array<NovaServer[] | Error>; gets?: Record<string, Array<NovaServer | undefined | Error>>; volumes?: CinderVolume[]; volume?: Record<string, CinderVolume> }) {
  const calls: string[] = [];
  const answer = <T>(value: T | Error): Promise<T> => (value instanceof Error ? Promise.reject(value) : Promise.resolve(value));
  const nova = {
    listServersDetail: (_filters: object, onPage?: (page: readonly NovaServer[]) => void) => {
      calls.push("nova list");
      const list = script.lists?.shift() ?? [];
      if (!(list instanceof Error)) onPage?.(list);
      return answer(list);
    },
    getServer: (id: string) => (calls.push(`nova get ${id}`), answer(script.gets?.[id]?.shift())),
  } as unknown as NovaClient;
  const cinder = {
    listVolumesDetail: () => (calls.push("cinder list"), answer(script.volumes ?? [])),
    getVolume: (id: string) => (calls.push(`cinder get ${id}`), answer(script.volume?.[id])),
  } as unknown as CinderClient;
  return { directory: new ServerDirectory(nova, cinder), calls };
}

describe("ServerDirectory", () => {
  it("answers every server and disk from one Nova and one Cinder listing", async () => {
    const { directory, calls } = clouds({ lists: [[server("a", ["v1"]), server("b", ["v2"])]], volumes: [volume("v1", true), volume("v2", false)] });
    assert.deepEqual((await directory.facts("a"))?.sharedVolumeIds, ["v1"]);
    assert.deepEqual((await directory.facts("b"))?.sharedVolumeIds, []);
    assert.equal(await directory.nameOf("a"), "name-a");
    assert.deepEqual((await directory.selectable()).map((s) => s.id), ["a", "b"]);
    assert.deepEqual(calls, ["nova list", "cinder list"]);
  });

  it("asks for a server and a disk the listings lack on their own, once each", async () => {
    const { directory, calls } = clouds({ lists: [[]], gets: { c: [server("c", ["v9"])] }, volume: { v9: volume("v9", true) } });
    assert.deepEqual((await directory.facts("c"))?.sharedVolumeIds, ["v9"]);
    assert.deepEqual((await directory.facts("c"))?.sharedVolumeIds, ["v9"]);
    assert.deepEqual(calls, ["nova list", "nova get c", "cinder list", "cinder get v9"]);
  });

  it("says undefined for a server Nova does not know, and its id as its name", async () => {
    const { directory } = clouds({ lists: [[]] });
    assert.equal(await directory.facts("gone"), undefined);
    assert.equal(await directory.nameOf("gone"), "gone");
  });

  it("asks again after a failed listing or a failed single read instead of keeping the failure", async () => {
    const { directory, calls } = clouds({ lists: [new Error("nova down"), []], gets: { d: [new Error("blip"), server("d")] } });
    await assert.rejects(directory.facts("d"), /nova down/);
    await assert.rejects(directory.facts("d"), /blip/);
    assert.equal((await directory.facts("d"))?.id, "d");
    assert.deepEqual(calls, ["nova list", "nova list", "nova get d", "nova get d"]);
  });

  it("answers several servers at once as it answers each, with the same requests: one listing each, a GET only for what they lack", async () => {
    const script = () => ({
      lists: [[server("a", ["v1"]), server("b", ["v2", "v3"]), server("e")]],
      gets: { c: [server("c", ["v9"])] },
      volumes: [volume("v1", true), volume("v2", false), volume("v3", true)],
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
    assert.deepEqual([...batch.calls].sort(), ["cinder get v9", "cinder list", "nova get c", "nova get gone", "nova list"]);
  });

  it("starts the volume listing at the first page that shows an asked server with a disk, before the last page", async () => {
    const calls: string[] = [];
    let lastPage!: () => void;
    const pending = new Promise<void>((r) => (lastPage = r));
    const nova = {
      listServersDetail: async (_filters: object, onPage?: (page: readonly NovaServer[]) => void) => {
        calls.push("nova page 1");
        onPage?.([server("x"), server("a", ["v1"])]);
        await pending;
        calls.push("nova page 2");
        onPage?.([server("y", ["v2"])]);
        return [server("x"), server("a", ["v1"]), server("y", ["v2"])];
      },
    } as unknown as NovaClient;
    const cinder = { listVolumesDetail: async () => (calls.push("cinder list"), [volume("v1", true), volume("v2", false)]) } as unknown as CinderClient;
    const facts = new ServerDirectory(nova, cinder).factsOf(["a"]);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(calls, ["nova page 1", "cinder list"]);
    lastPage();
    assert.deepEqual((await facts).get("a")?.sharedVolumeIds, ["v1"]);
    assert.deepEqual(calls, ["nova page 1", "cinder list", "nova page 2"]);
  });

  it("sends no Cinder request when the asked servers have no disk, though other servers of the project have", async () => {
    const { directory, calls } = clouds({ lists: [[server("a"), server("b", ["v1"])]], volumes: [volume("v1", true)] });
    assert.deepEqual((await directory.factsOf(["a"])).get("a")?.sharedVolumeIds, []);
    assert.deepEqual(calls, ["nova list"]);
  });

  it("sends no Cinder request for servers without disks, and no request at all for no server", async () => {
    const { directory, calls } = clouds({ lists: [[server("a"), server("b")]] });
    assert.equal((await directory.factsOf([])).size, 0);
    assert.deepEqual(calls, []);
    assert.deepEqual([...(await directory.factsOf(["a", "b"])).values()].map((f) => f?.sharedVolumeIds), [[], []]);
    assert.deepEqual(calls, ["nova list"]);
  });
});
