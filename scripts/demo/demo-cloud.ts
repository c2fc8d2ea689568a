/**
 * What the demo asks the local cloud, over plain HTTP as any OpenStack tool would: a Keystone token, Nova
 * servers, CSBS policies and backups, and the admin API's clock. (The provider has its own clients; the demo
 * deliberately shows the cloud from the outside.)
 */
import { passwordAuthBody } from "../../tests/support/password-auth";

interface Catalog {
  token: { project: { id: string }; catalog: Array<{ type: string; endpoints: Array<{ interface: string; url: string }> }> };
}

export interface PolicyView {
  id: string;
  name: string;
  status: string;
  pattern: string;
  serverIds: string[];
}

export interface BackupRow {
  name: string;
  createdAt: string;
  status: string;
  kind: "automatic" | "manual";
}

interface RawPolicy {
  id: string;
  name: string;
  status: string;
  resources: Array<{ id: string }>;
  scheduled_operations: Array<{ trigger: { properties: { pattern: string } } }>;
}

export class DemoCloud {
  private constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly csbs: string,
    private readonly compute: string,
  ) {}

  static async login(base: string, authUrl: string): Promise<DemoCloud> {
    const res = await fetch(`${authUrl}/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: passwordAuthBody("demo", "demo", "demo"),
    });
    if (res.status !== 201) throw new Error(`login to the local cloud failed: ${res.status}`);
    const body = (await res.json()) as Catalog;
    const url = (type: string) =>
      body.token.catalog.find((c) => c.type === type)?.endpoints.find((e) => e.interface === "public")?.url ?? "";
    return new DemoCloud(base, res.headers.get("x-subject-token") ?? "", url("data-protect"), url("compute"));
  }

  private async get<T>(url: string): Promise<T> {
    const res = await fetch(url, { headers: { "x-auth-token": this.token } });
    if (!res.ok) throw new Error(`GET ${url} → ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  private async send<T>(method: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(url, {
      method,
      headers: { "content-type": "application/json", "x-auth-token": this.token, ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async serverCount(): Promise<number> {
    return (await this.get<{ servers: unknown[] }>(`${this.compute}/servers`)).servers.length;
  }

  async serverIdsByName(names: string[]): Promise<Record<string, string>> {
    const { servers } = await this.get<{ servers: Array<{ id: string; name: string }> }>(`${this.compute}/servers`);
    const ids: Record<string, string> = {};
    for (const name of names) {
      const found = servers.find((s) => s.name === name);
      if (!found) throw new Error(`server ${name} is missing from the local cloud's fixtures`);
      ids[name] = found.id;
    }
    return ids;
  }

  async policyByNameOrUndefined(name: string): Promise<PolicyView | undefined> {
    const { policies } = await this.get<{ policies: RawPolicy[] }>(`${this.csbs}/policies?name=${encodeURIComponent(name)}`);
    const p = policies[0];
    if (!p) return undefined;
    return {
      id: p.id,
      name: p.name,
      status: p.status,
      pattern: p.scheduled_operations[0]?.trigger.properties.pattern ?? "",
      serverIds: p.resources.map((r) => r.id),
    };
  }

  async policyByName(name: string): Promise<PolicyView> {
    const p = await this.policyByNameOrUndefined(name);
    if (!p) throw new Error(`policy ${name} is not in the cloud`);
    return p;
  }

  /** Executes the policy now (a manual backup of every associated server); returns the checkpoint id. */
  async runNow(policyId: string): Promise<string> {
    const r = await this.send<{ checkpoint: { id: string } }>(
      "POST",
      `${this.csbs}/providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/checkpoints`,
      { checkpoint: { plan_id: policyId, parameters: { auto_trigger: false } } },
    );
    return r.checkpoint.id;
  }

  async backupsOf(serverId: string): Promise<BackupRow[]> {
    const { checkpoint_items } = await this.get<{
      checkpoint_items: Array<{ name: string; created_at: string; status: string; extend_info?: { auto_trigger?: boolean } }>;
    }>(`${this.csbs}/checkpoint_items?resource_id=${serverId}&sort=created_at:asc`);
    return checkpoint_items.map((i) => ({
      name: i.name,
      createdAt: i.created_at.replace("T", " ").slice(0, 16),
      status: i.status,
      kind: i.extend_info?.auto_trigger ? "automatic" : "manual",
    }));
  }

  async backupCount(): Promise<number> {
    return (await this.get<{ count: number }>(`${this.csbs}/checkpoint_items/count`)).count;
  }

  /** Operation-log entries of a type ("protect", "delete"), optionally only those created by one party. */
  async operationCount(type: string, createdBy?: string): Promise<number> {
    const { operation_logs } = await this.get<{
      operation_logs: Array<{ operation_type: string; extra_info?: { created_by?: string } | null }>;
    }>(`${this.csbs}/operation_logs`);
    return operation_logs.filter(
      (l) => l.operation_type === type && (createdBy === undefined || l.extra_info?.created_by === createdBy),
    ).length;
  }

  async clockNow(): Promise<string> {
    const res = await fetch(`${this.base}/_localcloud/clock`);
    return ((await res.json()) as { now: string }).now;
  }

  async advanceClock(seconds: number): Promise<void> {
    const res = await fetch(`${this.base}/_localcloud/clock`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-localcloud-admin": "1" },
      body: JSON.stringify({ advanceSeconds: seconds }),
    });
    if (!res.ok) throw new Error(`advancing the cloud's clock failed: ${res.status} ${await res.text()}`);
  }
}
