/** Where a busy backend lives, and the key PostgreSQL handed out for cancelling it (BackendKeyData). */
export interface CancelTarget {
  /** Host name or IP; a path starting with "/" is a Unix-socket directory. */
  host: string;
  port: number;
  processId: number;
  secretKey: number;
}

const CANCEL_REQUEST_CODE = 80877102;

/** The 16-byte CancelRequest message: length, request code, backend process id, secret key. */
export function encodeCancelRequest(processId: number, secretKey: number): Uint8Array {
  const message = new Uint8Array(16);
  const view = new DataView(message.buffer);
  view.setInt32(0, 16);
  view.setInt32(4, CANCEL_REQUEST_CODE);
  view.setInt32(8, processId);
  view.setInt32(12, secretKey);
  return message;
}

/**
 * Asks the server to cancel the statement a backend is running, on a fresh connection as the protocol requires
 * (a backend blocked on a lock or in pg_sleep would not notice its own client going away). Best effort: resolves
 * once the request was sent or could not be, never rejects.
 */
export function sendCancelRequest(target: CancelTarget): Promise<void> {
  const message = encodeCancelRequest(target.processId, target.secretKey);
  return new Promise<void>((resolve) => {
    const socket = {
      open: (conn: { end(data: Uint8Array): unknown }) => void conn.end(message),
      close: () => resolve(),
      error: () => resolve(),
      connectError: () => resolve(),
      data: () => {},
    };
    const connecting = target.host.startsWith("/")
      ? Bun.connect({ unix: `${target.host}/.s.PGSQL.${target.port}`, socket })
      : Bun.connect({ hostname: target.host, port: target.port, socket });
    connecting.catch(() => resolve()); // nothing more to do: the connection is being dropped anyway
  });
}
