import { describe, expect, test } from "bun:test";
import { createUiFixture } from "./ui-fixture.ts";

describe("createWebUi routing", () => {
  test("sets environment.webUi to the facade plugins add routes through", async () => {
    await using fixture = createUiFixture();
    fixture.environment.webUi!.addRoute("/items/:id", { GET: (_req, { params }) => Response.json({ id: params.id }) });
    expect(await (await fixture.request("/items/42")).json()).toEqual({ id: "42" });
  });

  test("serves every route under --web-base-path and nothing outside it", async () => {
    await using fixture = createUiFixture({ webBasePath: "/locust/" });
    expect((await fixture.request("/locust/worker-count")).status).toBe(200);
    expect((await fixture.request("/worker-count")).status).toBe(404);
    const bare = await fixture.request("/locust?x=1");
    expect([bare.status, bare.headers.get("location")]).toEqual([308, "/locust/?x=1"]);
    fixture.app.facade.addRoute("/mine", () => new Response("mine"));
    expect(await (await fixture.request("/locust/mine")).text()).toBe("mine");
  });

  test("answers 404 for unknown paths and 405 with Allow for a wrong method", async () => {
    await using fixture = createUiFixture();
    expect((await fixture.request("/nope")).status).toBe(404);
    const wrong = await fixture.request("/swarm");
    expect([wrong.status, wrong.headers.get("allow")]).toEqual([405, "POST"]);
    expect((await fixture.request("/stop", { method: "HEAD" })).status).toBe(200);
  });

  test("answers CORS preflights while the UI has no authentication", async () => {
    await using fixture = createUiFixture();
    const response = await fixture.request("/swarm", { method: "OPTIONS" });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });

  test("turns a handler's error into a 500 with the error text, as Locust does", async () => {
    await using fixture = createUiFixture();
    fixture.app.facade.addRoute("/broken", () => {
      throw new Error("plugin exploded");
    });
    const response = await fixture.request("/broken");
    expect([response.status, await response.text()]).toEqual([500, "plugin exploded"]);
  });

  test("a plugin route replaces a built-in one with the same path", async () => {
    await using fixture = createUiFixture();
    fixture.app.facade.addRoute("/worker-count", () => Response.json({ worker_count: 7 }));
    expect(await (await fixture.request("/worker-count")).json()).toEqual({ worker_count: 7 });
  });

  test("the page needs a running server and a runner", async () => {
    await using withRunner = createUiFixture();
    expect((await withRunner.request("/")).status).toBe(503);
    await using withoutRunner = createUiFixture({}, { runner: false });
    const response = await withoutRunner.request("/");
    expect([response.status, await response.text()]).toEqual([500, "Error: Locust Environment does not have any runner"]);
  });
});
