/**
 * The provider process's wiring for the hooks: stack config (from `configure`) and a resource's profile →
 * settings → a connection (session, caching backend, server directory), built once per connection and kept in
 * the process's runtime.
 */
import type * as pulumi from "@pulumi/pulumi";
import { connectionKey, openConnection, type Connection } from "../connection";
import { resolveSettings } from "../config/resolve-settings";
import type { Settings } from "../config/settings";
import { providerRuntime } from "../runtime/provider-runtime";
import { warnUser } from "./engine-warning";

/** Everything a hook needs to talk to the cloud. */
export type ProviderContext = Connection;

/** Records the stack config; both resources' providers call it, the first one wins (same stack config). */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  // Structured config (csbs:profiles) may arrive as an object rather than its JSON text: read both alike.
  providerRuntime().configure((key) => {
    const value: unknown = req.config.get(key);
    return value === undefined || typeof value === "string" ? value : JSON.stringify(value);
  });
}

/**
 * The context of a profile (`csbs:profiles.<profile>.*` over the stack-wide settings), or of the stack-wide
 * settings without one; built on first use after `configure`.
 */
export async function providerContext(profile?: string): Promise<ProviderContext> {
  // Every hook asks: the connection key (a digest of the credentials) is computed once per profile, not per hook.
  return (await providerRuntime().connections.get(`context:${profile ?? ""}`, async () => contextFor(await profileSettings(profile)))) as ProviderContext;
}

/** The settings of a profile (or the stack-wide ones), resolved once after `configure`. */
async function profileSettings(profile: string | undefined): Promise<Settings> {
  const runtime = providerRuntime();
  return (await runtime.connections.get(`settings:${profile ?? ""}`, async () => {
    const settings = resolveSettings({ config: await runtime.config(), env: process.env, ...(profile !== undefined ? { profile } : {}) });
    if (settings.insecure) {
      await warnUser(
        `TLS certificate verification is off (insecure=true from ${settings.origins.insecure ?? "settings"}): anyone on the network path to ${settings.authUrl} can read the credentials; use csbs:cacert (or OS_CACERT) with the cloud's CA instead, and keep insecure for testing only`,
      );
    }
    return settings;
  })) as Settings;
}

/** The context for any settings, one per connection in this process (more than one project or region may be used). */
export async function contextFor(settings: Settings): Promise<ProviderContext> {
  return (await providerRuntime().connections.get(connectionKey(settings), async () => openConnection(settings))) as ProviderContext;
}
