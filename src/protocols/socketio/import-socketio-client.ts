import type * as SocketIoClient from "socket.io-client";
import { LocustError } from "../../core/errors.ts";

/** The socket.io-client module namespace. */
export type SocketIoClientModule = typeof SocketIoClient;

/**
 * Imports socket.io-client on first use, so that importing locust-bun (or running an HTTP test) never loads it.
 * The import stays a literal so bundlers can see it.
 * @param load how to import it (tests pass a failing loader)
 * @throws LocustError when the package is not installed.
 */
export async function importSocketIoClient(
  load: () => Promise<unknown> = () => import("socket.io-client"),
): Promise<SocketIoClientModule> {
  try {
    return (await load()) as SocketIoClientModule;
  } catch (err) {
    throw new LocustError("SocketIOUser needs the 'socket.io-client' package: bun add socket.io-client", {
      code: "MISSING_DEPENDENCY",
      hint: "Install it in the project that holds the locustfile: bun add socket.io-client",
      cause: err,
    });
  }
}
