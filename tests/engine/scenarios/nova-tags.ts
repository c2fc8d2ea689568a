/** Nova server tags as the engine scenarios change them: real HTTP to the cloud's compute API as the demo user. */
import { login, type TestCloud } from "../../support/cloud";

export class NovaTags {
  private constructor(
    private readonly token: string,
    private readonly compute: string,
  ) {}

  static async login(cloud: TestCloud): Promise<NovaTags> {
    const { token, compute } = await login(cloud);
    return new NovaTags(token, compute);
  }

  private async call(method: "PUT" | "DELETE", serverId: string, tag: string): Promise<void> {
    const res = await fetch(`${this.compute}/servers/${serverId}/tags/${encodeURIComponent(tag)}`, {
      method,
      headers: { "x-auth-token": this.token, "openstack-api-version": "compute 2.26" },
    });
    if (res.status !== 201 && res.status !== 204) throw new Error(`${method} tag ${tag} on ${serverId} → ${res.status}: ${await res.text()}`);
  }

  /** Adds `tag` to every server given. */
  async add(tag: string, ...serverIds: string[]): Promise<void> {
    await Promise.all(serverIds.map((id) => this.call("PUT", id, tag)));
  }

  async remove(tag: string, ...serverIds: string[]): Promise<void> {
    await Promise.all(serverIds.map((id) => this.call("DELETE", id, tag)));
  }
}
