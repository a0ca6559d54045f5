import { expect, test } from "bun:test";

test("the public barrel exports exactly this API (change deliberately: it is the package's contract)", async () => {
  const names = Object.keys(await import("../../src/index.ts")).sort();
  expect(names).toEqual([
    "CatchResponseError",
    "Environment",
    "EventHook",
    "Events",
    "FastHttpSession",
    "FastHttpUser",
    "ForcedStop",
    "HttpResponse",
    "HttpSession",
    "HttpUser",
    "InterruptTaskSet",
    "LoadTestShape",
    "LocalRunner",
    "LocustError",
    "MarkovTaskSet",
    "MissingWaitTimeError",
    "ProtocolUser",
    "RequestHook",
    "RequestStats",
    "RescheduleTask",
    "RescheduleTaskImmediately",
    "ResponseError",
    "SequentialTaskSet",
    "StatsEntry",
    "StopTest",
    "StopUser",
    "TaskSet",
    "User",
    "between",
    "constant",
    "constantPacing",
    "constantThroughput",
    "createLogger",
    "events",
    "pickSettings",
    "realClock",
    "runSingleUser",
    "tag",
    "task",
    "transition",
    "transitions",
    "untilAborted",
  ]);
});

/** The protocol plugins' barrels: what a locustfile needs, no internals (http and fasthttp share `http-shared/`). */
test.each([
  ["dns", ["DNSClient", "DNSUser", "DNS_REQUEST_TYPE", "DnsError", "DnsTimeoutError", "parseDnsServer"]],
  [
    "fasthttp",
    [
      "BadStatusCode", "BodyTooLargeError", "ConnectionClosedError", "ConnectionRefusedError", "ConnectionResetError", "ContentDecodingError",
      "FastHttpSession", "FastHttpUser", "FastResponse", "HttpParseError", "RequestTimeoutError", "TlsError",
    ],
  ],
  [
    "http",
    [
      "BodyTooLargeError", "CaughtResponse", "CookieJar", "DEFAULT_MAX_BODY_SIZE", "FetchGate", "HttpError", "HttpResponse", "HttpSession", "HttpUser",
      "TransportError",
    ],
  ],
  ["milvus", ["MILVUS_REQUEST_TYPE", "MilvusCollectionClient", "MilvusEmptyResultError", "MilvusError", "MilvusUser", "computeRecall"]],
  ["mongodb", ["MONGODB_REQUEST_TYPE", "MongoDBClient", "MongoDBUser", "formatMongoRequestName"]],
  [
    "mqtt",
    ["MQTT_REQUEST_TYPE", "MqttClient", "MqttUser", "SENT_AT_PROPERTY", "createClientId", "deliverName", "publishName", "subscribeName", "unsubscribeName"],
  ],
  ["openai", ["OPENAI_REQUEST_TYPE", "OpenAIClient", "OpenAIError", "OpenAIUser", "SseDecoder", "TTFT_REQUEST_TYPE"]],
  ["postgres", ["MAX_QUERY_NAME_LENGTH", "POSTGRES_REQUEST_TYPE", "PostgresClient", "PostgresTransaction", "PostgresUser", "formatQueryName"]],
  ["socketio", ["SOCKETIO_REQUEST_TYPES", "SocketIOClient", "SocketIOUser", "UNNAMED", "payloadLength"]],
  ["websocket", ["RECEIVED_NAME", "REQUEST_NAME", "UNNAMED", "WEBSOCKET_REQUEST_TYPES", "WebSocketClient", "WebSocketUser", "messageLength"]],
])("locust-bun/%s exports exactly this API", async (protocol, names) => {
  expect(Object.keys(await import(`../../src/protocols/${protocol}/index.ts`)).sort()).toEqual(names);
});

test("every protocol subpath in package.json points at a barrel that exports a User class", async () => {
  const pkg = (await import("../../package.json")).default as { exports: Record<string, string> };
  const protocolPaths = Object.entries(pkg.exports).filter(([key]) => key !== "." && key !== "./package.json");
  for (const [subpath, file] of protocolPaths) {
    const mod = (await import(`../../${file}`)) as Record<string, unknown>;
    const users = Object.keys(mod).filter((name) => name.endsWith("User"));
    expect({ subpath, hasUser: users.length > 0 }).toEqual({ subpath, hasUser: true });
  }
});
