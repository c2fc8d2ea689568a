/**
 * The SDK's resources under Pulumi's mocks, as the engine would receive them: registers a `before` hook that
 * installs the mocks (project "project", stack "stack", preview) and returns the map of each resource's
 * registered inputs by name.
 */
import * as pulumi from "@pulumi/pulumi";

export function registeredInputsPerSuite(): Map<string, Record<string, unknown>> {
  const registered = new Map<string, Record<string, unknown>>();
  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.set(args.name, args.inputs as Record<string, unknown>);
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: (args) => args.inputs,
      },
      "project",
      "stack",
      true,
    );
  });
  return registered;
}

/** Resolves once the resource is registered (its URN is known). */
export function registeredOf(resource: pulumi.Resource): Promise<void> {
  return new Promise<void>((resolve) => resource.urn.apply(() => resolve()));
}
