/**
 * A resource's profile in inputs and state: only its name. Changing it moves the resource to another project or
 * region, which no update can do, so it replaces the resource.
 */
import { isUnknown } from "../domain/unknown";

/** The profile part of inputs or a state: present only when a profile is named (state without one stays as it was). */
export function profileOf(props: { profile?: unknown }): { profile?: string } {
  return typeof props.profile === "string" && props.profile !== "" ? { profile: props.profile } : {};
}

/** `["profile"]` when the profile changes (or is not known yet and may), else none. */
export function profileReplaces(olds: { profile?: unknown }, news: { profile?: unknown }): string[] {
  if (isUnknown(news.profile)) return ["profile"];
  return profileOf(olds).profile !== profileOf(news).profile ? ["profile"] : [];
}
