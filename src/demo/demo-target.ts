/**
 * The embedded demo target: a small shop API on Bun.serve, so `locust-bun --demo` (or `bun run demo`) runs a real
 * load test with nothing but this repository.
 * @module
 */
import { fileURLToPath } from "node:url";

const ITEMS = Array.from({ length: 50 }, (_, id) => ({ id, name: `item-${id}`, price: 5 + ((id * 37) % 95) }));

/** A running demo target. */
export interface DemoTarget {
  url: string;
  stop(): Promise<void>;
}

/** The locustfile `--demo` runs. */
export function demoLocustfilePath(): string {
  return fileURLToPath(new URL("../../examples/demo.ts", import.meta.url));
}

/** Starts the demo target on a free port of 127.0.0.1. */
export function startDemoTarget(): DemoTarget {
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    routes: {
      "/": new Response("locust-bun demo shop\n"),
      "/items": Response.json(ITEMS),
      "/items/:id": (req) => {
        const item = ITEMS[Number(req.params.id)];
        return item ? Response.json(item) : Response.json({ error: "no such item" }, { status: 404 });
      },
      "/cart": {
        POST: async (req) => {
          const body = (await req.json().catch(() => null)) as { id?: number } | null;
          if (typeof body?.id !== "number") return Response.json({ error: "id required" }, { status: 400 });
          return Response.json({ ok: true, id: body.id }, { status: 201 });
        },
      },
      "/slow": async () => {
        await Bun.sleep(50 + Math.random() * 150);
        return new Response("slow but fine\n");
      },
      "/flaky": () => (Math.random() < 0.1 ? new Response("try again", { status: 503 }) : new Response("ok\n")),
    },
    fetch: () => new Response("not found", { status: 404 }),
  });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop(true) };
}
