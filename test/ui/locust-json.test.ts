import { describe, expect, test } from "bun:test";
import { formatLocustJson, locustJsonResponse } from "../../src/ui/locust-json.ts";

describe("formatLocustJson", () => {
  test("sorts keys at every depth, indents by two spaces and ends with a newline, like Flask's debug jsonify", () => {
    expect(formatLocustJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  test("escapes non-ASCII characters as \\u sequences (Python's ensure_ascii)", () => {
    expect(formatLocustJson({ name: "/café/🐍" })).toBe('{\n  "name": "/caf\\u00e9/\\ud83d\\udc0d"\n}\n');
    expect(JSON.parse(formatLocustJson({ name: "/café/🐍" }))).toEqual({ name: "/café/🐍" });
  });

  test("locustJsonResponse sets application/json and keeps the given status", async () => {
    const response = locustJsonResponse({}, { status: 201 });
    expect([response.status, response.headers.get("content-type"), await response.text()]).toEqual([201, "application/json", "{}\n"]);
  });
});
