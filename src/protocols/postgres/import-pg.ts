import type * as Pg from "pg";
import { LocustError } from "../../core/errors.ts";

/** The node-postgres module namespace. */
export type PgModule = typeof Pg;

/**
 * Imports node-postgres on first use, so that importing locust-bun (or running an HTTP test) never loads it.
 * The import stays a literal so bundlers can see it.
 * @param load how to import it (tests pass a failing loader)
 * @throws LocustError when the package is not installed.
 */
export async function importPg(load: () => Promise<unknown> = () => import("pg")): Promise<PgModule> {
  try {
    const loaded = (await load()) as PgModule & { default?: PgModule };
    return typeof loaded.Pool === "function" ? loaded : loaded.default!;
  } catch (err) {
    throw new LocustError("PostgresUser needs the 'pg' package: bun add pg", {
      code: "MISSING_DEPENDENCY",
      hint: "Install it in the project that holds the locustfile: bun add pg",
      cause: err,
    });
  }
}
