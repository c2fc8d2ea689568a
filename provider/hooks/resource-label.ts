/** How messages name a resource: its Pulumi type and resource name, as the user wrote them. */
export function policyLabel(props: { __resourceName?: unknown }): string {
  return `BackupPolicy "${typeof props.__resourceName === "string" ? props.__resourceName : "?"}"`;
}

export function associationLabel(props: { __resourceName?: unknown }): string {
  return `PolicyAssociation "${typeof props.__resourceName === "string" ? props.__resourceName : "?"}"`;
}

/** True when the engine passed previous inputs, i.e. the resource already exists in state. */
export function hasState(olds: Record<string, unknown> | undefined): boolean {
  return !!olds && Object.keys(olds).some((k) => k !== "__provider");
}
