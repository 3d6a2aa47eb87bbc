import NextAuth from "next-auth";
import { buildAuthOptions } from "@/lib/auth/config";

// Built on the first request, not at import: the options read the configuration, which a build must not need.
let handler: ReturnType<typeof NextAuth> | undefined;

function handle(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  handler ??= NextAuth(buildAuthOptions());
  return handler(request, context);
}

export { handle as GET, handle as POST };
