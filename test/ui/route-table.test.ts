import { describe, expect, test } from "bun:test";
import { RouteTable, selectHandler, type Route } from "../../src/ui/route-table.ts";

const route = (path: string): Route => ({ path, access: "api", methods: { GET: () => new Response(path) } });

describe("RouteTable", () => {
  test("matches exact paths first, then :params and a trailing *", () => {
    const table = new RouteTable();
    for (const path of ["/items/:id", "/items/new", "/assets/*", "/"]) table.add(route(path));
    expect(table.match("/items/new")).toEqual({ route: expect.objectContaining({ path: "/items/new" }), params: {} });
    expect(table.match("/items/a%20b")?.params).toEqual({ id: "a b" });
    expect(table.match("/assets/chunk/x.js")?.params).toEqual({ "*": "chunk/x.js" });
    expect(table.match("/assets/")).toBeNull();
    expect(table.match("/items/1/more")).toBeNull();
    expect(table.match("/")?.route.path).toBe("/");
  });

  test("a later route replaces an earlier one with the same path", () => {
    const table = new RouteTable();
    table.add(route("/x"));
    table.add({ ...route("/x"), access: "public" });
    expect(table.routes).toHaveLength(1);
    expect(table.match("/x")?.route.access).toBe("public");
  });

  test("rejects paths without a leading slash", () => {
    expect(() => new RouteTable().add(route("x"))).toThrow('route path must start with "/": x');
  });

  test("HEAD falls back to GET; other missing methods have no handler", () => {
    const r = route("/x");
    expect(selectHandler(r, "HEAD")).toBe(r.methods.GET);
    expect(selectHandler(r, "POST")).toBeUndefined();
  });
});
