import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { LocustError } from "../../../src/core/errors.ts";
import { MongoDBUser } from "../../../src/protocols/mongodb/index.ts";
import { startMongoWireServer } from "../../support/mongo-wire-server.ts";
import { waitFor } from "../../support/wait-for.ts";

class Shopper extends MongoDBUser {
  static override connString = "mongodb://db.internal:27017";
  static override dbName = "shop";
  static override clientOptions = { serverSelectionTimeoutMS: 300 };
}

describe("MongoDBUser", () => {
  test("uses --host when it is a mongodb URL, else static connString", () => {
    const fromHost = new Shopper(new Environment({ host: "mongodb+srv://cluster.example.net" }));
    const httpHost = new Shopper(new Environment({ host: "http://127.0.0.1:8080" }));
    const noHost = new Shopper(new Environment());
    expect(fromHost.client.settings).toEqual({
      connString: "mongodb+srv://cluster.example.net",
      dbName: "shop",
      clientOptions: { serverSelectionTimeoutMS: 300 },
    });
    expect([httpHost.client.settings.connString, noHost.client.settings.connString]).toEqual([
      "mongodb://db.internal:27017",
      "mongodb://db.internal:27017",
    ]);
  });

  test("without any connection string onStart throws a LocustError with a hint", async () => {
    class Unconfigured extends MongoDBUser {}
    const error = await Promise.resolve(new Unconfigured(new Environment()).beforeStart()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocustError);
    expect(error).toMatchObject({ code: "MONGODB_NO_CONNECTION_STRING", message: "MongoDBUser has no connection string" });
  });

  test("a malformed connection string is a LocustError naming the setting", async () => {
    const user = new Shopper(new Environment({ host: "mongodb://" }));
    const error = await Promise.resolve(user.beforeStart()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "MONGODB_BAD_CONNECTION_STRING" });
  });

  test("onStop closes the driver's connections", async () => {
    await using server = await startMongoWireServer();
    const user = new Shopper(new Environment({ host: server.uri }));
    await user.beforeStart();
    await user.client.countDocuments("people");
    expect(server.connectionCount).toBeGreaterThan(0);
    await user.dispose();
    await waitFor(() => server.connectionCount === 0);
    expect(server.commands.at(-1)?.command).toBe("endSessions");
  });
});
