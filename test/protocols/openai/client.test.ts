import { describe, expect, test } from "bun:test";
import { OPENAI_REQUEST_TYPE, TTFT_REQUEST_TYPE } from "../../../src/protocols/openai/index.ts";
import { startOpenAIServer } from "../../support/openai-server.ts";
import { HELLO, createOpenAIFixture } from "./openai-fixture.ts";

const CHAT = "/v1/chat/completions";
const TEXT = "/v1/completions";

test("names calls by the HTTP method and time to first token by its own request type", () => {
  expect([OPENAI_REQUEST_TYPE, TTFT_REQUEST_TYPE]).toEqual(["POST", "TTFT"]);
});

describe("OpenAIClient against an OpenAI-compatible server", () => {
  test("reports a streamed chat as one POST named by the URL path, with the usage's output tokens as length", async () => {
    await using server = startOpenAIServer({ tokens: 5, tokensPerChunk: 3 });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    const reply = await fixture.client.chat({ messages: HELLO, stream: true });
    const entry = fixture.stats.find(CHAT, "POST")!;
    expect([entry.numRequests, entry.numFailures, entry.totalContentLength]).toEqual([1, 0, 15]);
    expect(reply).toMatchObject({ text: server.textOf(5), outputTokens: 15, tokenSource: "usage", inputTokens: 7, finishReason: "stop" });
    expect(reply?.raw).toBeUndefined();
    expect(server.requests).toMatchObject([{ path: CHAT, model: "test-model", stream: true, messages: HELLO, includeUsage: true }]);
  });

  test("adds a TTFT row with the same name whose time is at most the call's total time", async () => {
    await using server = startOpenAIServer({ tokens: 4, tokenDelayMs: 2 });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    const reply = (await fixture.client.chat({ messages: HELLO, stream: true }))!;
    const [call, ttft] = fixture.events;
    expect(fixture.events.map((e) => [e.requestType, e.name, e.responseLength, e.exception])).toEqual([
      [OPENAI_REQUEST_TYPE, CHAT, 4, null],
      [TTFT_REQUEST_TYPE, CHAT, 0, null],
    ]);
    expect(ttft!.responseTime!).toBeLessThanOrEqual(call!.responseTime!);
    expect(reply.timeToFirstTokenMs).toBe(ttft!.responseTime);
    expect(reply.totalMs).toBe(call!.responseTime!);
    expect(fixture.stats.find(CHAT, TTFT_REQUEST_TYPE)?.numRequests).toBe(1);
  });

  test("a non-streamed chat reports the usage's tokens, returns the parsed body and has no TTFT row", async () => {
    await using server = startOpenAIServer({ tokens: 6 });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    const reply = await fixture.client.chat({ messages: HELLO, temperature: 0.5 });
    expect(reply).toMatchObject({ text: server.textOf(6), outputTokens: 6, tokenSource: "usage", timeToFirstTokenMs: null, finishReason: "stop" });
    expect(reply?.raw).toMatchObject({ object: "chat.completion", usage: { completion_tokens: 6 } });
    expect(fixture.events.map((e) => [e.requestType, e.name, e.responseLength])).toEqual([["POST", CHAT, 6]]);
    expect(server.requests).toMatchObject([{ stream: false, temperature: 0.5, includeUsage: false }]);
  });

  test("text completions go to /completions with the prompt, streamed or not", async () => {
    await using server = startOpenAIServer({ tokens: 3 });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    const streamed = await fixture.client.complete({ prompt: "Once upon", stream: true });
    const whole = await fixture.client.complete({ prompt: "Once upon" });
    expect([streamed?.text, whole?.text]).toEqual([server.textOf(3), server.textOf(3)]);
    const entry = fixture.stats.find(TEXT, "POST")!;
    expect([entry.numRequests, entry.numFailures, entry.totalContentLength]).toEqual([2, 0, 6]);
    expect(fixture.stats.find(TEXT, TTFT_REQUEST_TYPE)?.numRequests).toBe(1);
    expect(server.requests.map((r) => [r.path, r.prompt, r.stream])).toEqual([[TEXT, "Once upon", true], [TEXT, "Once upon", false]]);
  });

  test("without usage in the stream, the length is the number of content deltas", async () => {
    await using server = startOpenAIServer({ tokens: 5, tokensPerChunk: 3 });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl, streamUsage: false });
    const reply = await fixture.client.chat({ messages: HELLO, stream: true });
    expect(server.requests[0]?.includeUsage).toBe(false);
    expect(reply).toMatchObject({ outputTokens: 5, tokenSource: "deltas", inputTokens: null });
    expect(fixture.stats.find(CHAT, "POST")?.totalContentLength).toBe(5);
  });

  test("maxTokens is sent as max_tokens and a cut answer comes back with finish reason 'length'", async () => {
    await using server = startOpenAIServer({ tokens: 10 });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    const reply = await fixture.client.chat({ messages: HELLO, stream: true, maxTokens: 3, model: "other-model" });
    expect(server.requests[0]).toMatchObject({ maxTokens: 3, model: "other-model" });
    expect(reply).toMatchObject({ text: server.textOf(3), outputTokens: 3, finishReason: "length" });
  });

  test("the name option and renameRequest group calls under one name", async () => {
    await using server = startOpenAIServer({ tokens: 2 });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    await fixture.client.chat({ messages: HELLO, stream: true, name: "short answer" });
    await fixture.client.renameRequest("grouped", async () => {
      await fixture.client.chat({ messages: HELLO });
      await fixture.client.complete({ prompt: "x", name: "named wins" });
    });
    await fixture.client.chat({ messages: HELLO });
    expect(fixture.events.map((e) => `${e.requestType} ${e.name}`)).toEqual([
      "POST short answer",
      "TTFT short answer",
      "POST grouped",
      "POST named wins",
      `POST ${CHAT}`,
    ]);
  });

  test("sends the API key as a Bearer token and extra headers on every call", async () => {
    await using server = startOpenAIServer({ apiKey: "sk-test" });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl, apiKey: "sk-test", defaultHeaders: { "OpenAI-Organization": "org-1" } });
    await fixture.client.chat({ messages: HELLO, stream: true });
    expect(fixture.stats.total.numFailures).toBe(0);
    expect(server.requests[0]?.authorization).toBe("Bearer sk-test");
    expect(server.requests[0]?.headers["openai-organization"]).toBe("org-1");
  });

  test("events carry the user's context, the start time, the URL and the response", async () => {
    await using server = startOpenAIServer();
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    fixture.user.userContext = { tenant: "a" };
    const before = Date.now() / 1000;
    await fixture.client.chat({ messages: HELLO, stream: true });
    for (const event of fixture.events) {
      expect(event).toMatchObject({ context: { tenant: "a" }, url: `${server.baseUrl}/chat/completions` });
      expect(event.startTime!).toBeGreaterThanOrEqual(before - 0.001);
    }
    expect((fixture.events[0]?.response as { status?: number }).status).toBe(200);
  });

  test("calls reuse the user's keep-alive connection", async () => {
    await using server = startOpenAIServer({ tokens: 2 });
    using fixture = createOpenAIFixture({ baseUrl: server.baseUrl });
    for (let i = 0; i < 3; i++) await fixture.client.chat({ messages: HELLO, stream: i % 2 === 0 });
    expect(fixture.stats.find(CHAT, "POST")?.numRequests).toBe(3);
    expect(new Set(server.requests.map((r) => r.remotePort)).size).toBe(1);
  });
});
