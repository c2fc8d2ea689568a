/**
 * What the engine scenarios ask of the cloud directly (outside Pulumi), whichever API the project speaks:
 * CSBS policies (./csbs-direct.ts) or Karbor plans with their trigger and operation (./karbor-direct.ts).
 * Both talk real HTTP as a user of the demo project.
 */

/** A live policy reduced to what both APIs say the same way. */
export interface PolicySummary {
  name: string;
  description: string;
  /** CSBS: the operation's `enabled`; Karbor: whether the plan has a scheduled operation. */
  enabled: boolean;
  /** The iCalendar pattern the cloud runs. */
  pattern: string;
  /** The protected servers, sorted. */
  servers: string[];
}

/** One backup (a checkpoint item) of the shared model. */
export interface Backup {
  id: string;
  createdAt: Date;
}

export interface PolicyApi {
  /** Discriminates the union {@link ScenarioApi} for the assertions only one API can make. */
  readonly dialect: "csbs" | "karbor";
  /** The data-protect endpoint of the demo project. */
  readonly base: string;
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
  policies(): Promise<Array<{ id: string }>>;
  summary(id: string): Promise<PolicySummary>;
  /** Creates a policy outside any stack (Sundays 03:00 UTC, 3 backups kept). */
  createPolicy(name: string, serverIds?: string[]): Promise<{ id: string }>;
  deletePolicy(id: string): Promise<void>;
  /** Starts a manual backup of the policy's servers. */
  backUpNow(id: string): Promise<void>;
  /** Backups of one policy, or every backup of the project. */
  backups(policyId?: string): Promise<Backup[]>;
}

/** Calls with the user's token; a non-2xx answer throws with the method, path, status and body. */
export abstract class DirectCalls {
  protected constructor(
    protected readonly token: string,
    readonly base: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { "x-auth-token": this.token, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
