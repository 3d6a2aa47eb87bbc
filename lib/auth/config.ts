import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";

/**
 * next-auth configuration: local accounts (scrypt) with JWT sessions of 8 hours. The token
 * carries only the user id; role and account scope are re-read from the database on every
 * request (lib/auth/index.ts), so disabling a user or narrowing a scope takes effect at once.
 */
const ZCredentials = z.object({ email: z.string().trim().toLowerCase().email().max(320), password: z.string().min(1).max(1024) });

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 3600 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Parapet account",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = ZCredentials.safeParse(credentials);
        if (!parsed.success) return null;
        const { authenticateLocalUser } = await import("@/lib/auth/authenticate-local-user");
        const forwarded = request?.headers?.["x-forwarded-for"];
        const ip = Array.isArray(forwarded) ? forwarded[0] : forwarded;
        return authenticateLocalUser(parsed.data.email, parsed.data.password, ip ?? null);
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
