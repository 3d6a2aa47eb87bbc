import { ROLES } from "@/lib/data/users/user-access";

const DESCRIPTIONS: Record<(typeof ROLES)[number], string> = {
  admin: "admin: everything, users and audit log",
  analyst: "analyst: read, test connections, collect, accept risks",
  viewer: "viewer: read only",
};

export function RoleSelect({ id, defaultValue }: { id: string; defaultValue: string }) {
  return (
    <>
      <label htmlFor={id}>Role</label>
      <select id={id} name="role" defaultValue={defaultValue}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {DESCRIPTIONS[role]}
          </option>
        ))}
      </select>
    </>
  );
}
