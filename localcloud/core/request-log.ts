/** The request log the admin API serves: what reached the cloud, with what outcome. */
import type { ServiceName } from "./contracts";

export interface RequestLogEntry {
  method: string;
  /** Path without the query string, as sent (still percent-encoded). */
  path: string;
  status: number;
  /** Project of the caller's token, when the route needed one and it was valid. */
  project?: string;
  service: ServiceName;
  /** The region whose endpoint the request reached (Keystone's requests: the first region, where it answers). */
  region: string;
  /** Real wall-clock time (ISO), so the log orders requests even while tests move the cloud's clock. */
  time: string;
  /** Set when a fault rule decided the outcome: "status", "reset", "dropResponse" or "latency". */
  faulted?: string;
}

/** A bounded in-memory log (admin API calls are not in it): the oldest entries go first once `max` is reached. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly max = 50000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }

  /** Every entry, or only those of one region. */
  list(region?: string): RequestLogEntry[] {
    return region === undefined ? this.entries.slice() : this.entries.filter((e) => e.region === region);
  }

  clear(): void {
    this.entries = [];
  }
}
