/**
 * Arrival-rate iterations run on every protocol's user class, against a real server for each, and each protocol's
 * requests carry the schedule mark into the corrected histograms (through the user's request context).
 */
import { describe, expect, test } from "bun:test";
import { DataType } from "@zilliz/milvus2-sdk-node";
import { Environment } from "../../../../src/core/environment.ts";
import { task } from "../../../../src/core/user/decorators.ts";
import type { UserClass } from "../../../../src/core/user/user.ts";
import { DNSUser } from "../../../../src/protocols/dns/index.ts";
import { FastHttpUser } from "../../../../src/protocols/fasthttp/index.ts";
import { HttpUser } from "../../../../src/protocols/http/index.ts";
import { MilvusUser } from "../../../../src/protocols/milvus/index.ts";
import { MongoDBUser } from "../../../../src/protocols/mongodb/index.ts";
import { MqttUser } from "../../../../src/protocols/mqtt/index.ts";
import { OpenAIUser } from "../../../../src/protocols/openai/index.ts";
import { PostgresUser } from "../../../../src/protocols/postgres/index.ts";
import { SocketIOUser } from "../../../../src/protocols/socketio/index.ts";
import { WebSocketUser } from "../../../../src/protocols/websocket/index.ts";
import { checkDnsmasq, DNSMASQ_RECORDS, startDnsmasq } from "../../../support/dnsmasq.ts";
import { startHttpTarget } from "../../../support/http-target.ts";
import { startMilvusGrpcServer } from "../../../support/milvus-grpc-server.ts";
import { startMongoWireServer } from "../../../support/mongo-wire-server.ts";
import { findMosquitto, startMosquitto } from "../../../support/mosquitto.ts";
import { startOpenAIServer } from "../../../support/openai-server.ts";
import { findPostgres } from "../../../support/postgres-cluster.ts";
import { startSocketIoServer } from "../../../support/socketio-server.ts";
import { waitFor } from "../../../support/wait-for.ts";

const ITERATIONS = 6;
/** Iterations whose protocol operation finished (each task counts itself). */
let finished = 0;

/** Runs `cls` at 40 iterations/s on a pool of at most 3 users until ITERATIONS requests are recorded. */
async function runIterations(cls: UserClass, host?: string) {
  const environment = new Environment({ userClasses: [cls], host });
  environment.attachStats();
  const runner = environment.createLocalRunner();
  finished = 0;
  await runner.startArrivalRate({ rate: 40, maxUsers: 3 });
  const { stats } = environment;
  await waitFor(() => finished >= ITERATIONS || runner.state === "stopped");
  await runner.quit();
  return { stats };
}

/** Outside CI a missing server binary skips the case with a printed reason; under CI it fails. */
function skipWithoutServer(what: string): void {
  if (process.env.CI) throw new Error(`${what} is needed under CI`);
  console.warn(`skipped: ${what} is not installed`);
}

function expectCountedAndCorrected(stats: Environment["stats"]): void {
  expect([...stats.errors].map((e) => `${e.method} ${e.name}: ${e.error}`)).toEqual([]);
  expect(finished).toBeGreaterThanOrEqual(ITERATIONS);
  expect(stats.iterations.started).toBeGreaterThanOrEqual(ITERATIONS);
  expect(stats.total.numRequests).toBeGreaterThanOrEqual(ITERATIONS);
  // Every request of a pool user (its onStart's connect too) reaches the corrected histograms.
  expect(stats.corrected.total.count).toBe(stats.total.numRequests);
}

describe("arrival-rate iterations with each protocol's user class", () => {
  test("HttpUser", async () => {
    await using target = startHttpTarget();
    class Api extends HttpUser {
      @task async get() {
        await this.client.get("/ultra_fast");
        finished++;
      }
    }
    expectCountedAndCorrected((await runIterations(Api, target.url)).stats);
  });

  test("FastHttpUser", async () => {
    await using target = startHttpTarget();
    class Api extends FastHttpUser {
      @task async get() {
        await this.client.get("/ultra_fast");
        finished++;
      }
    }
    expectCountedAndCorrected((await runIterations(Api, target.url)).stats);
  });

  test("WebSocketUser", async () => {
    await using server = Bun.serve({
      port: 0,
      fetch: (req, srv) => (srv.upgrade(req) ? undefined : new Response("ws only", { status: 400 })),
      websocket: { message: (ws, message) => void ws.send(message) },
    });
    class Chat extends WebSocketUser {
      @task async echo() {
        await this.client.request("ping");
        finished++;
      }
    }
    expectCountedAndCorrected((await runIterations(Chat, `ws://127.0.0.1:${server.port}/`)).stats);
  });

  test("SocketIOUser", async () => {
    await using server = await startSocketIoServer();
    class Chat extends SocketIOUser {
      @task async echo() {
        await this.client.call("echo", "hi");
        finished++;
      }
    }
    expectCountedAndCorrected((await runIterations(Chat, server.url)).stats);
  });

  test("OpenAIUser", async () => {
    await using server = startOpenAIServer();
    class Chat extends OpenAIUser {
      static override model = "test-model";
      static override apiKey = "";
      @task async hello() {
        await this.client.chat({ messages: [{ role: "user", content: "Say hello" }] });
        finished++;
      }
    }
    expectCountedAndCorrected((await runIterations(Chat, server.baseUrl)).stats);
  });

  test("MongoDBUser", async () => {
    await using server = await startMongoWireServer();
    class Shopper extends MongoDBUser {
      static override dbName = "shop";
      @task async ping() {
        await this.client.execute("ping", (db) => db.command({ ping: 1 }));
        finished++;
      }
    }
    expectCountedAndCorrected((await runIterations(Shopper, server.uri)).stats);
  });

  test("MilvusUser", async () => {
    const server = await startMilvusGrpcServer();
    class Searcher extends MilvusUser {
      static override collectionName = "docs";
      static override timeout = 5;
      static override schema = {
        fields: [
          { name: "id", data_type: DataType.Int64, is_primary_key: true },
          { name: "vec", data_type: DataType.FloatVector, dim: 2 },
        ],
      };
      static override indexParams = { field_name: "vec", index_type: "FLAT", metric_type: "L2" };
      @task async search() {
        await this.client.search([0, 0], { annsField: "vec", limit: 1 });
        finished++;
      }
    }
    try {
      const { stats } = await runIterations(Searcher as unknown as UserClass, `http://${server.address}`);
      expectCountedAndCorrected(stats);
    } finally {
      await server.stop();
    }
  });

  test.skipIf(!checkDnsmasq())("DNSUser", async () => {
    await using dnsmasq = await startDnsmasq();
    class Resolver extends DNSUser {
      @task async lookUp() {
        await this.client.query(DNSMASQ_RECORDS.a.name, "A");
        finished++;
      }
    }
    expectCountedAndCorrected((await runIterations(Resolver, dnsmasq.url)).stats);
  });

  test("MqttUser", async () => {
    const mosquitto = findMosquitto();
    if (!mosquitto) return skipWithoutServer("mosquitto");
    await using broker = await startMosquitto(mosquitto);
    class Sensor extends MqttUser {
      @task async report() {
        await this.client.publish("sensors/t", "21.5", { qos: 1 });
        finished++;
      }
    }
    expectCountedAndCorrected((await runIterations(Sensor, broker.url)).stats);
  });

  test("PostgresUser", async () => {
    const server = await findPostgres();
    if (!server) return skipWithoutServer("PostgreSQL");
    const connString = server.url;
    class Reader extends PostgresUser {
      static override connString = connString;
      @task async one() {
        await this.client.executeQuery("SELECT 1", [], "select one");
        finished++;
      }
    }
    try {
      expectCountedAndCorrected((await runIterations(Reader)).stats);
    } finally {
      await server.stop();
    }
  });
});
