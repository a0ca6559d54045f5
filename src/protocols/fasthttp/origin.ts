/** Where a connection goes: scheme, host and port, and what the request head names as `Host`. */
export interface Origin {
  /** `scheme://host:port`, the pool key. */
  readonly key: string;
  readonly tls: boolean;
  /** Host name or IP to connect to (IPv6 without brackets). */
  readonly hostname: string;
  readonly port: number;
  /** `host[:port]` as sent in the Host header (port only when not the scheme's default). */
  readonly hostHeader: string;
  /** `host:port`, for error messages. */
  readonly target: string;
}

/** The origin of an absolute http(s) URL. */
export function parseOrigin(url: URL): Origin {
  const tls = url.protocol === "https:";
  const port = url.port ? Number(url.port) : tls ? 443 : 80;
  const host = url.hostname;
  const hostname = host.startsWith("[") ? host.slice(1, -1) : host;
  return {
    key: `${url.protocol}//${host}:${port}`,
    tls,
    hostname,
    port,
    hostHeader: url.host,
    target: `${host}:${port}`,
  };
}
