import { afterEach, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Environment } from "../../../src/core/environment.ts";
import { OpenAIUser } from "../../../src/protocols/openai/index.ts";
import { startOpenAIServer } from "../../support/openai-server.ts";
import { startRawTcpServer } from "../../support/raw-tcp-server.ts";
import { REPO_ROOT, createProject, runCli } from "../../support/run-cli.ts";
import { HELLO, createOpenAIFixture } from "./openai-fixture.ts";

const savedKeys = { OPENAI_API_KEY: process.env.OPENAI_API_KEY, LOCUST_OPENAI_API_KEY: process.env.LOCUST_OPENAI_API_KEY };

afterEach(() => {
  for (const [key, value] of Object.entries(savedKeys)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("OpenAIUser", () => {
  test("is abstract while its subclasses are not", () => {
    class ChatUser extends OpenAIUser {}
    expect(Object.hasOwn(OpenAIUser, "abstract") && OpenAIUser.abstract).toBe(true);
    expect(Object.hasOwn(ChatUser, "abstract")).toBe(false);
  });

  test("takes its client settings from the class, with --host over baseUrl over host", () => {
    class ChatUser extends OpenAIUser {
      static override host = "http://host.invalid/v1";
      static override baseUrl = "http://base.invalid/v1/";
      static override apiKey = "sk-class";
      static override model = "m";
      static override timeout = 5;
      static override insecure = true;
      static override streamUsage = false;
    }
    const fromFlag = new ChatUser(new Environment({ host: "http://flag.invalid/v1" }));
    expect(fromFlag.client.settings).toEqual({
      baseUrl: "http://flag.invalid/v1",
      hasApiKey: true,
      model: "m",
      timeout: 5,
      insecure: true,
      streamUsage: false,
    });
    expect(new ChatUser(new Environment()).client.settings.baseUrl).toBe("http://base.invalid/v1");
    class HostOnly extends OpenAIUser {
      static override host = "http://host.invalid/v1";
    }
    expect(new HostOnly(new Environment()).client.settings).toMatchObject({ baseUrl: "http://host.invalid/v1", timeout: 600, insecure: false, streamUsage: true });
  });

  test("sends OPENAI_API_KEY, else LOCUST_OPENAI_API_KEY, read when the user is created, and no header without a key", async () => {
    await using server = startOpenAIServer();
    const authorizationFor = async (env: Record<string, string | undefined>) => {
      for (const [key, value] of Object.entries(env)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      using fixture = createOpenAIFixture({ baseUrl: server.baseUrl, apiKey: undefined });
      await fixture.client.chat({ messages: HELLO });
      return server.requests.at(-1)?.authorization;
    };
    expect(await authorizationFor({ OPENAI_API_KEY: "sk-env", LOCUST_OPENAI_API_KEY: "sk-locust" })).toBe("Bearer sk-env");
    expect(await authorizationFor({ OPENAI_API_KEY: undefined, LOCUST_OPENAI_API_KEY: "sk-locust" })).toBe("Bearer sk-locust");
    expect(await authorizationFor({ OPENAI_API_KEY: undefined, LOCUST_OPENAI_API_KEY: undefined })).toBeNull();
  });

  test("onStop closes the user's connections", async () => {
    await using raw = startRawTcpServer((exchange) => {
      const body = JSON.stringify({ choices: [{ index: 0, message: { content: "hi" } }], usage: { completion_tokens: 1 } });
      exchange.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
    });
    using fixture = createOpenAIFixture({ baseUrl: `${raw.url}/v1` });
    expect(await fixture.client.chat({ messages: HELLO })).toMatchObject({ text: "hi", outputTokens: 1 });
    expect(raw.openConnections).toBe(1);
    await fixture.user.dispose();
    while (raw.openConnections > 0) await Bun.sleep(1);
    expect(raw.connections).toBe(1);
  });

  test("the example locustfile runs headless and every call the server saw is in the CSV, streamed ones with TTFT", async () => {
    await using server = startOpenAIServer({ tokens: 5 });
    await using project = createProject({ "locustfile.ts": readFileSync(join(REPO_ROOT, "examples/openai.ts"), "utf8") });
    const result = await runCli(["--headless", "-H", server.baseUrl, "-u", "3", "-r", "3", "-t", "2s", "--csv", "out/run"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    const rows = readFileSync(join(project.dir, "out/run_stats.csv"), "utf8").split("\r\n").filter(Boolean).slice(1).map((line) => line.split(","));
    const total = (type: string, column: number) => rows.filter((row) => row[0] === type).reduce((sum, row) => sum + Number(row[column]), 0);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(total("POST", 2)).toBe(server.requests.length);
    expect(total("TTFT", 2)).toBe(server.requests.filter((request) => request.stream).length);
    expect(total("POST", 3) + total("TTFT", 3)).toBe(0);
    for (const row of rows.filter((r) => r[0] === "POST")) expect(Number(row[8])).toBe(5);
  }, 15_000);
});
