/**
 * The cloud's state: collections of JSON entities, in memory, optionally made durable by a journal.
 *
 * Values are kept as JSON text, which deep-copies them in and out for free and is also the journal line.
 * Durable mode: every put/delete appends one line to `journal.jsonl` and fsyncs before returning, so an
 * acknowledged write survives kill -9. Compaction writes `snapshot.json` (temp file, fsync, rename) and then
 * starts an empty journal; replaying an old journal over a newer snapshot is harmless because every entry
 * is a whole value or a delete, so a crash between the two steps loses nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Collection } from "./collection";
import type { Entity, Store } from "./contracts";

type JournalEntry = { op: "put"; c: string; v: Entity } | { op: "del"; c: string; id: string };

/** Options of {@link LocalStore}. */
export interface LocalStoreOptions {
  /** Directory for the journal and snapshot; absent = in-memory only. @default undefined */
  stateDir?: string;
  /** Compact once the journal has this many entries. @default 20000 */
  compactAfter?: number;
}

export class LocalStore implements Store {
  private readonly data = new Map<string, Map<string, string>>();
  private readonly revisions = new Map<string, number>();
  private journalFd: number | undefined;
  private journalEntries = 0;
  private readonly compactAfter: number;
  private batchDepth = 0;
  private pending: string[] = [];

  constructor(private readonly options: LocalStoreOptions = {}) {
    this.compactAfter = options.compactAfter ?? 20000;
    if (options.stateDir) this.open(options.stateDir);
  }

  get<T extends Entity>(collection: Collection<T>, id: string): T | undefined {
    const text = this.data.get(collection)?.get(id);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  list<T extends Entity>(collection: Collection<T>): T[] {
    return this.entities(collection) as T[];
  }

  /**
   * Every value of the collection called `name`, untyped: for views over all collections (the admin state
   * dump, compaction, tests comparing whole states), never for a service's own reads.
   */
  entities(name: string): Entity[] {
    const col = this.data.get(name);
    if (!col) return [];
    const out: Entity[] = [];
    for (const text of col.values()) out.push(JSON.parse(text) as Entity);
    return out;
  }

  has<T extends Entity>(collection: Collection<T>, id: string): boolean {
    return this.data.get(collection)?.has(id) ?? false;
  }

  count<T extends Entity>(collection: Collection<T>): number {
    return this.data.get(collection)?.size ?? 0;
  }

  put<T extends Entity>(collection: Collection<T>, value: NoInfer<T>): void {
    if (typeof value?.id !== "string" || value.id === "") throw new TypeError(`store.put(${collection}): value has no string id`);
    const text = JSON.stringify(value);
    const col = this.collection(collection);
    if (col.get(value.id) === text) return;
    // Memory first: a compaction triggered by this journal write snapshots memory, which must include it.
    col.set(value.id, text);
    this.bump(collection);
    this.journal({ op: "put", c: collection, v: value }, text);
  }

  delete<T extends Entity>(collection: Collection<T>, id: string): void {
    const col = this.data.get(collection);
    if (!col?.has(id)) return;
    col.delete(id);
    this.bump(collection);
    this.journal({ op: "del", c: collection, id });
  }

  /**
   * Runs `fn` with journal writes batched into one append and one fsync at the end (bulk fixtures).
   * Writes are acknowledged when `batch` returns, not before.
   */
  batch<R>(fn: () => R): R {
    this.batchDepth++;
    try {
      return fn();
    } finally {
      if (--this.batchDepth === 0) this.flush();
    }
  }

  /** Increases on every change of the collection: lets readers cache derived views. */
  revision<T extends Entity>(collection: Collection<T>): number {
    return this.revisions.get(collection) ?? 0;
  }

  collections(): string[] {
    return [...this.data.keys()].sort();
  }

  /** Writes a snapshot and starts an empty journal (durable mode only). */
  compact(): void {
    const dir = this.options.stateDir;
    if (!dir || this.journalFd === undefined) return;
    const snapshot: Record<string, Entity[]> = {};
    for (const name of this.collections()) snapshot[name] = this.entities(name);
    const tmp = path.join(dir, "snapshot.json.tmp");
    const fd = fs.openSync(tmp, "w");
    fs.writeSync(fd, JSON.stringify(snapshot));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, path.join(dir, "snapshot.json"));
    syncDir(dir);
    fs.ftruncateSync(this.journalFd, 0);
    fs.fsyncSync(this.journalFd);
    this.journalEntries = 0;
  }

  close(): void {
    if (this.journalFd === undefined) return;
    this.compact();
    fs.closeSync(this.journalFd);
    this.journalFd = undefined;
  }

  private collection(name: string): Map<string, string> {
    let col = this.data.get(name);
    if (!col) {
      col = new Map();
      this.data.set(name, col);
    }
    return col;
  }

  private bump(collection: string): void {
    this.revisions.set(collection, (this.revisions.get(collection) ?? 0) + 1);
  }

  private journal(entry: JournalEntry, valueText?: string): void {
    if (this.journalFd === undefined) return;
    const line =
      entry.op === "put" && valueText !== undefined
        ? `{"op":"put","c":${JSON.stringify(entry.c)},"v":${valueText}}\n`
        : `${JSON.stringify(entry)}\n`;
    this.pending.push(line);
    if (this.batchDepth === 0) this.flush();
  }

  private flush(): void {
    if (this.journalFd === undefined || this.pending.length === 0) return;
    const text = this.pending.join("");
    this.journalEntries += this.pending.length;
    this.pending = [];
    const buf = Buffer.from(text, "utf8");
    let off = 0;
    while (off < buf.length) off += fs.writeSync(this.journalFd, buf, off, buf.length - off);
    fs.fsyncSync(this.journalFd);
    if (this.journalEntries >= this.compactAfter) this.compact();
  }

  private open(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    const snapshotPath = path.join(dir, "snapshot.json");
    if (fs.existsSync(snapshotPath)) {
      const snapshot = JSON.parse(fs.readFileSync(snapshotPath, "utf8")) as Record<string, Entity[]>;
      for (const [name, values] of Object.entries(snapshot)) {
        const col = this.collection(name);
        for (const v of values) col.set(v.id, JSON.stringify(v));
      }
    }
    const journalPath = path.join(dir, "journal.jsonl");
    if (fs.existsSync(journalPath)) {
      const lines = fs.readFileSync(journalPath, "utf8").split("\n");
      for (const line of lines) {
        if (!line) continue;
        let entry: JournalEntry;
        try {
          entry = JSON.parse(line) as JournalEntry;
        } catch {
          // Only the last line can be torn (a crash mid-append), and it was never acknowledged.
          continue;
        }
        if (entry.op === "put") this.collection(entry.c).set(entry.v.id, JSON.stringify(entry.v));
        else this.data.get(entry.c)?.delete(entry.id);
      }
    }
    this.journalFd = fs.openSync(journalPath, "a");
    syncDir(dir);
    // Fold the replayed journal into a fresh snapshot so restarts stay fast however long the cloud ran.
    this.compact();
  }
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  }
}
