/** The Keystone v3 request body of a password login scoped to a project, user and project in domain Default. */
export function passwordAuthBody(user: string, password: string, project: string): string {
  return JSON.stringify({
    auth: {
      identity: { methods: ["password"], password: { user: { name: user, domain: { name: "Default" }, password } } },
      scope: { project: { name: project, domain: { name: "Default" } } },
    },
  });
}
