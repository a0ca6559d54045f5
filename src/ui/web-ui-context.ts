import type { Environment } from "../core/environment.ts";
import type { Logger } from "../core/log.ts";
import type { FlagSpec, Options } from "../core/options/index.ts";
import type { AuthGuard } from "./auth.ts";
import type { PageSource } from "./page-source.ts";
import type { StatsPush } from "./stats-push.ts";

/** What the route files share: the run, the options, the guard, the push loop and the page. */
export interface WebUiContext {
  readonly environment: Environment;
  readonly options: Options;
  /** Options added by plugins and locustfiles (`parser.addArgument`), for the start form. */
  readonly customFlags: readonly FlagSpec[];
  readonly auth: AuthGuard;
  readonly push: StatsPush;
  readonly page: PageSource;
  /** "" or "/prefix" (no trailing slash). */
  readonly basePath: string;
  readonly log: Logger;
}
