import { describe, expect, test } from "bun:test";
import { LocustError } from "../../../src/core/errors.ts";
import { importMongoDB } from "../../../src/protocols/mongodb/import-mongodb.ts";

describe("importMongoDB", () => {
  test("loads the installed driver", async () => {
    expect(typeof (await importMongoDB()).MongoClient).toBe("function");
  });

  test("a missing mongodb package is a LocustError that says how to install it", async () => {
    const error = await importMongoDB(() => Promise.reject(new Error("Cannot find package 'mongodb'"))).catch(
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(LocustError);
    expect(error).toMatchObject({ message: "MongoDBUser needs the 'mongodb' package: bun add mongodb" });
  });
});
