/**
 * A listing read only as far as its questions need. Nova and Cinder list newest first, so the servers an
 * operation adds to a policy (usually new ones) are often on the first pages: reading on until every asked-about
 * id has been seen, rather than to the end, saves the remaining pages (at 3072 servers, two of four on each side
 * when the 1024 newest join policies). Only a question about an id the listing lacks reads it to its end.
 */
import type { PageCursor } from "../clients/pagination";

export class PartialListing<T> {
  private cursor: PageCursor<T> | undefined;
  private readonly items = new Map<string, T>();
  // One page in flight, whoever asks; the next question after a failure asks for that page again (the cursor
  // does not count a failed page), so no failure is kept.
  private reading: Promise<void> | undefined;

  /**
   * @param open starts the listing at its first page (called at the first question)
   * @param idOf the key an item is found by
   * @param onPage sees each page's items as they arrive, before the next page is asked for @default none
   */
  constructor(
    private readonly open: () => PageCursor<T>,
    private readonly idOf: (item: T) => string,
    private readonly onPage: (items: readonly T[]) => void = () => undefined,
  ) {}

  /** The listed item of each id that the listing holds, reading pages until all are seen or the listing has ended. */
  async find(ids: readonly string[]): Promise<Map<string, T>> {
    while (!this.ended && ids.some((id) => !this.items.has(id))) await this.readPage();
    const found = new Map<string, T>();
    for (const id of ids) {
      const item = this.items.get(id);
      if (item !== undefined) found.set(id, item);
    }
    return found;
  }

  /** Every item, in listing order, reading the listing to its end. */
  async all(): Promise<T[]> {
    while (!this.ended) await this.readPage();
    return [...this.items.values()];
  }

  /** True once the last page has been read: an id not held by then is not in the listing. */
  get ended(): boolean {
    return this.cursor?.done === true;
  }

  private readPage(): Promise<void> {
    if (!this.reading) {
      const cursor = (this.cursor ??= this.open());
      const page = cursor.next().then((items) => {
        for (const item of items) this.items.set(this.idOf(item), item);
        this.onPage(items);
      });
      this.reading = page;
      const clear = () => {
        if (this.reading === page) this.reading = undefined;
      };
      page.then(clear, clear);
    }
    return this.reading;
  }
}
