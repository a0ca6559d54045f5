/**
 * The single-page app as the guarded routes serve it. Bun bundles the HTML import and serves it, with its assets
 * at root paths, outside our auth and base path. So the server mounts the bundle at an unguessable internal path,
 * and this class fetches the page and its assets from there once, rewrites the asset links to `./assets/…`
 * (relative, so `--web-base-path` and reverse proxies work) and keeps them in memory.
 * @module
 */

/** One bundled asset. */
export interface PageAsset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

/** Fetches a root-relative path ("/chunk-x.js") from the running server. */
export type InternalFetch = (path: string) => Promise<Response>;

const ROOT_LINK = /(src|href)="\/([^"/][^"]*)"/g;

/** The bundled page and assets, loaded on first use. */
export class PageSource {
  readonly #indexPath: string;
  #fetch: InternalFetch | undefined;
  #loading: Promise<string> | undefined;
  readonly #assets = new Map<string, PageAsset>();

  constructor(indexPath: string) {
    this.#indexPath = indexPath;
  }

  /** Connects the source to a running server (until then the page cannot be served). */
  attach(fetchInternal: InternalFetch): void {
    this.#fetch = fetchInternal;
  }

  get available(): boolean {
    return this.#fetch !== undefined;
  }

  /** The page's HTML with rewritten asset links. */
  html(): Promise<string> {
    this.#loading ??= this.#load().catch((err) => {
      this.#loading = undefined;
      throw err;
    });
    return this.#loading;
  }

  /** A bundled asset by its name under `./assets/`, once the page has loaded. */
  asset(name: string): PageAsset | undefined {
    return this.#assets.get(name);
  }

  async #load(): Promise<string> {
    const fetchInternal = this.#fetch;
    if (!fetchInternal) throw new Error("the web UI page is only served by a running server");
    const response = await fetchInternal(this.#indexPath);
    if (!response.ok) throw new Error(`bundling the web UI page failed with HTTP ${response.status}`);
    const html = await response.text();
    const names = new Set([...html.matchAll(ROOT_LINK)].map((m) => m[2]!));
    await Promise.all([...names].map((name) => this.#loadAsset(fetchInternal, name)));
    return html.replace(ROOT_LINK, (_all, attribute: string, name: string) => `${attribute}="./assets/${name}"`);
  }

  async #loadAsset(fetchInternal: InternalFetch, name: string): Promise<void> {
    const response = await fetchInternal(`/${name}`);
    if (!response.ok) throw new Error(`web UI asset /${name} failed with HTTP ${response.status}`);
    const contentType = response.headers.get("content-type") ?? "application/octet-stream";
    this.#assets.set(name, { body: new Uint8Array(await response.arrayBuffer()), contentType });
  }
}
