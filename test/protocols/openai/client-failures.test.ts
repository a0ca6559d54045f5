import { describe, expect, test } from "bun:test";
import { LocustError } from "../../../src/core/errors.ts";
import { OpenAIError } from "../../../src/protocols/openai/index.ts";
import { freePort } from "../../support/free-port.ts";
import { startOpenAIServer, type OpenAIFailure } from "../../support/openai-server.ts";
import { startRawTcpServer } from "../../support/raw-tcp-server.ts";
import { HELLO, createOpenAIFixture } from "./openai-fixture.ts";

const CHAT = "/v1/chat/completions";
const SSE_HEAD = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";
const chunk = (text: string) => `${text.length.toString(16)}\r\n${text}\r\n`;
const TOKEN_EVENT = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "tok0 " } }] })}\n\n`;

describe("OpenAIClient failures", () => {
  test.each<[string, boolean, string]>([
    ["a streamed", true, "POST /v1/chat/completions: OpenAIError('401 Client Error: Unauthorized for url: /v1/chat/completions (Incorrect API key provided.)')"],
    ["a non-streamed", false, "POST /v1/chat/completions: OpenAIError('401 Client Error: Unauthorized for url: /v1/chat/completions (Incorrect API key provided.)')"],
  ])("a wrong API key fails %s call with the server's message", async (_label, stream, expected) => {
    await using server = startOpenAIServer({ apiKey: "sk-right" });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl, apiKey: "sk-wrong" });
    expect(await fixture.client.chat({ messages: HELLO, stream })).toBeUndefined();
    expect(fixture.errors()).toEqual([expected]);
    expect(fixture.events.map((e) => [e.requestType, e.responseLength])).toEqual([["POST", 0]]);
    expect((fixture.events[0]?.exception as OpenAIError).status).toBe(401);
  });

  test("a 500 is a counted failure named after the call, with no TTFT row", async () => {
    await using server = startOpenAIServer({ failure: "status-500" });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    await fixture.client.chat({ messages: HELLO, stream: true, name: "chat" });
    expect(fixture.errors()).toEqual([
      "POST chat: OpenAIError('500 Server Error: Internal Server Error for url: chat (The server had an error while processing your request.)')",
    ]);
    expect(fixture.stats.find("chat", "TTFT")).toBeUndefined();
  });

  test.each<[OpenAIFailure, string]>([
    ["malformed-sse", `OpenAIError('Malformed server-sent event: data is not JSON: {"choices": [{"index": 0, "delta": {"content": "tr')`],
    ["end-early", `OpenAIError('Stream ended before "data: [DONE]"')`],
  ])("a stream with %s fails with a clear message, keeping the tokens and TTFT that came before", async (failure, expected) => {
    await using server = startOpenAIServer({ failure, failAfterTokens: 2, tokens: 5 });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    expect(await fixture.client.chat({ messages: HELLO, stream: true })).toBeUndefined();
    expect(fixture.errors()).toEqual([`POST ${CHAT}: ${expected}`]);
    expect(fixture.events.map((e) => [e.requestType, e.responseLength, e.exception === null])).toEqual([
      ["POST", 2, false],
      ["TTFT", 0, true],
    ]);
  });

  test("the connection can be used again after a failed stream", async () => {
    await using server = startOpenAIServer({ failure: "malformed-sse" });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    await fixture.client.chat({ messages: HELLO, stream: true });
    server.settings.failure = "none";
    expect(await fixture.client.chat({ messages: HELLO, stream: true })).toMatchObject({ text: server.textOf(5) });
    expect(fixture.stats.find(CHAT, "POST")).toMatchObject({ numRequests: 2, numFailures: 1 });
  });

  test("a non-streamed answer that is not JSON is a failure", async () => {
    await using server = startOpenAIServer({ failure: "bad-json" });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    expect(await fixture.client.chat({ messages: HELLO })).toBeUndefined();
    expect(fixture.errors()[0]).toStartWith(`POST ${CHAT}: OpenAIError('Response is not valid JSON: `);
  });

  test("a connection dropped mid-stream fails as a broken stream", async () => {
    await using raw = startRawTcpServer((exchange) => {
      exchange.write(SSE_HEAD + chunk(TOKEN_EVENT));
      exchange.reset();
    });
    using fixture = createOpenAIFixture({ baseUrl: `${raw.url}/v1` });
    expect(await fixture.client.chat({ messages: HELLO, stream: true })).toBeUndefined();
    expect(fixture.errors()[0]).toStartWith(`POST ${CHAT}: OpenAIError('Stream broken before "data: [DONE]": `);
    expect(fixture.events[0]?.responseLength).toBe(1);
  });

  test("a stream request answered with plain JSON says what content type came back", async () => {
    await using raw = startRawTcpServer((exchange) => {
      const body = JSON.stringify({ choices: [{ index: 0, message: { content: "hi" } }] });
      exchange.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
    });
    using fixture = createOpenAIFixture({ baseUrl: `${raw.url}/v1` });
    await fixture.client.chat({ messages: HELLO, stream: true });
    expect(fixture.errors()).toEqual([
      `POST ${CHAT}: OpenAIError('Stream ended before "data: [DONE]" (content-type \\'application/json\\', not text/event-stream)')`,
    ]);
  });

  test("an error event inside the stream is a failure with the server's message", async () => {
    await using raw = startRawTcpServer((exchange) => {
      const error = `data: ${JSON.stringify({ error: { message: "model overloaded" } })}\n\n`;
      exchange.write(SSE_HEAD + chunk(TOKEN_EVENT) + chunk(error) + chunk("data: [DONE]\n\n") + "0\r\n\r\n");
    });
    using fixture = createOpenAIFixture({ baseUrl: `${raw.url}/v1` });
    await fixture.client.chat({ messages: HELLO, stream: true });
    expect(fixture.errors()).toEqual([`POST ${CHAT}: OpenAIError('Error event in stream: model overloaded')`]);
  });

  test("a refused connection is a counted transport failure", async () => {
    const port = freePort();
    using fixture = createOpenAIFixture({ baseUrl: `http://127.0.0.1:${port}/v1` });
    expect(await fixture.client.chat({ messages: HELLO })).toBeUndefined();
    expect(fixture.stats.find(CHAT, "POST")).toMatchObject({ numRequests: 1, numFailures: 1 });
    expect(fixture.errors()).toEqual([`POST ${CHAT}: ConnectionRefusedError(111, 'Connection refused')`]);
  });

  test("a stream that stalls longer than the timeout fails with the network timeout", async () => {
    await using server = startOpenAIServer({ holdAfterTokens: 1 });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl, timeout: 0.2 });
    expect(await fixture.client.chat({ messages: HELLO, stream: true })).toBeUndefined();
    expect(fixture.errors()[0]).toMatch(/Stream broken before "data: \[DONE\]": No response from .* within 0\.2 s/);
    await server.waitFor(() => server.cancelledStreams === 1);
  });

  test("without a base URL a call throws a coded setup error instead of reporting", async () => {
    using fixture = createOpenAIFixture();
    const call = fixture.client.chat({ messages: HELLO });
    await expect(call).rejects.toThrow(LocustError);
    await expect(call).rejects.toMatchObject({ code: "MISSING_BASE_URL" });
    expect(fixture.events).toEqual([]);
  });
});

describe("OpenAIClient when the user is force-stopped", () => {
  test("aborting mid-stream cancels the stream and reports nothing", async () => {
    await using server = startOpenAIServer({ holdAfterTokens: 2, tokens: 5 });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    const call = fixture.client.chat({ messages: HELLO, stream: true });
    await server.waitFor(() => server.tokensSent === 2);
    fixture.user.requestStop(true);
    await expect(call).rejects.toBe(fixture.user.signal.reason);
    await server.waitFor(() => server.cancelledStreams === 1);
    expect(fixture.events).toEqual([]);
    expect(fixture.stats.total.numRequests).toBe(0);
  });

  test("aborting before the response head arrives reports nothing", async () => {
    const arrived = Promise.withResolvers<void>();
    await using raw = startRawTcpServer(() => arrived.resolve());
    using fixture = createOpenAIFixture({ baseUrl: `${raw.url}/v1` });
    const call = fixture.client.complete({ prompt: "x", stream: true });
    await arrived.promise;
    fixture.user.requestStop(true);
    await expect(call).rejects.toBe(fixture.user.signal.reason);
    expect(fixture.events).toEqual([]);
  });

  test("a call after the abort rejects at once without a request", async () => {
    await using server = startOpenAIServer();
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    fixture.user.requestStop(true);
    await expect(fixture.client.chat({ messages: HELLO })).rejects.toBe(fixture.user.signal.reason);
    expect([server.requests.length, fixture.events.length]).toEqual([0, 0]);
  });
});
