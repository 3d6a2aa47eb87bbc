import "server-only";
import { headers } from "next/headers";
import { getRequestIp } from "@/lib/http/get-request-ip";

/** The client address of the request a server action, page or route handler is serving, for audit rows. */
export async function getActionIp(): Promise<string | null> {
  try {
    return getRequestIp(await headers());
  } catch {
    // Outside a request (CLI, worker): no address.
    return null;
  }
}
