/**
 * Check failures in the shape the engine prints well. The engine prints a failure that names a property as
 * `property <p> value <inputs[p]> has a problem: <reason>`, looking `inputs[p]` up as a top-level key, so a
 * nested path such as `schedule.times` would be printed with `value {<nil>}`, which misleads. The path
 * therefore travels at the start of the reason and the property is left empty, which the engine prints as
 * `resource 'daily' has a problem: \`schedule.times\` "02:00" and "02:30" are 30 minutes apart: …`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CheckFailure } from "../domain/failures";

/** The failures for the engine: empty `property`, every reason its message (which starts with its backticked path). */
export function failuresForEngine(failures: readonly CheckFailure[]): pulumi.dynamic.CheckFailure[] {
  return failures.map(({ message }) => ({ property: "", reason: message }));
}
