/** Settings from Pulumi stack config: `csbs:<field>` for every settings field (e.g. `csbs:authUrl`). */
import { emptyLayer, setFirst, type SettingsLayer } from "./layer";
import { SETTINGS_FIELDS } from "./settings";

/** Reads a stack config value by its full key, e.g. "csbs:authUrl". */
export type ConfigReader = (key: string) => string | undefined;

/** The config namespace of this provider. */
export const CONFIG_NAMESPACE = "csbs";

/** The stack config layer. */
export function stackConfigLayer(config: ConfigReader): SettingsLayer {
  const layer = emptyLayer("stack config");
  for (const field of SETTINGS_FIELDS) {
    const key = `${CONFIG_NAMESPACE}:${field}`;
    setFirst(layer, field, [[`stack config ${key}`, config(key)]]);
  }
  return layer;
}
