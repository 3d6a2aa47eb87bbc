import "server-only";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { normaliseAccess, scopeOfAccess, ZUserAccess } from "@/lib/data/users/user-access";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { getActionIp } from "@/lib/http/get-action-ip";

export const ZNewUser = ZUserAccess.extend({
  email: z
    .email("an e-mail address")
    .max(320)
    .transform((email) => email.toLowerCase()),
  name: z.string().trim().max(200).optional(),
});
export type TNewUser = z.input<typeof ZNewUser>;

/**
 * Creates a local user from the console (admins) with a generated password, returned once
 * to be handed over; only its scrypt hash is stored. An existing e-mail is a conflict, never
 * an overwrite (the CLI's `users add` is the tool that resets). Audited.
 */
export async function createConsoleUser(actor: SessionUser, input: TNewUser): Promise<{ id: string; email: string; password: string }> {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "only admins can create users");
  const parsed = ZNewUser.parse(input);
  const access = normaliseAccess(parsed);
  const password = generatePassword();
  const db = getDb();
  try {
    const user = await db.user.create({
      data: { email: parsed.email, name: parsed.name || null, passwordHash: await hashPassword(password), ...access },
      select: { id: true, email: true },
    });
    await createAuditEntry(
      {
        actorEmail: actor.email,
        action: "user.create",
        target: user.email,
        ip: await getActionIp(),
        detail: { role: access.role, ...scopeOfAccess(access) },
      },
      db,
    );
    return { ...user, password };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError("CONFLICT", `a user ${parsed.email} already exists`);
    throw error;
  }
}
