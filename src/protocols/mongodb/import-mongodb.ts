import type * as Mongo from "mongodb";
import { LocustError } from "../../core/errors.ts";

/** The `mongodb` module, as loaded on first use. */
export type MongoDBModule = typeof Mongo;

/**
 * Loads the `mongodb` driver on first use, so importing locust-bun never loads it.
 * @param load how to import it (tests pass a failing loader)
 */
export async function importMongoDB(load: () => Promise<unknown> = () => import("mongodb")): Promise<MongoDBModule> {
  try {
    const loaded = (await load()) as MongoDBModule & { default?: MongoDBModule };
    return typeof loaded.MongoClient === "function" ? loaded : loaded.default!;
  } catch (error) {
    throw new LocustError("MongoDBUser needs the 'mongodb' package: bun add mongodb", {
      code: "MISSING_DEPENDENCY",
      hint: "Install it next to locust-bun: bun add mongodb",
      cause: error,
    });
  }
}
