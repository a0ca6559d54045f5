import { describe, expect, test } from "bun:test";
import { HttpError, HttpResponse, TransportError } from "../../../src/protocols/http/index.ts";

const request = { method: "GET", url: "http://h.test/x?q=1", headers: new Headers() };
const make = (status: number, body = "", headers: Record<string, string> = {}, reason = "") =>
  new HttpResponse({ status, reason, headers: new Headers(headers), content: new TextEncoder().encode(body), url: request.url, elapsed: 1, request });

describe("HttpResponse", () => {
  test("exposes status, its Locust alias, reason and ok for 1–399", () => {
    expect([make(200).ok, make(302).ok, make(399).ok, make(400).ok, make(0).ok]).toEqual([true, true, true, false, false]);
    const response = make(404, "", {}, "Not Found");
    expect([response.status, response.statusCode, response.reason]).toEqual([404, 404, "Not Found"]);
  });

  test("decodes text as UTF-8 by default and with the declared charset otherwise; json() parses", () => {
    expect(make(200, "héllo").text).toBe("héllo");
    const latin1 = new HttpResponse({ status: 200, headers: new Headers({ "content-type": 'text/plain; charset="iso-8859-1"' }), content: new Uint8Array([0xe9]), url: "u", elapsed: 0, request });
    expect(latin1.text).toBe("é");
    const unknownCharset = make(200, "ok", { "content-type": "text/plain; charset=no-such-charset" });
    expect(unknownCharset.text).toBe("ok");
    expect(make(200, '{"a":[1]}').json<{ a: number[] }>()).toEqual({ a: [1] });
  });

  test("raiseForStatus throws requests' HTTPError naming the real URL; defaultFailure names the stats name", () => {
    const response = make(503, "", {}, "Service Unavailable");
    expect(() => response.raiseForStatus()).toThrow(new HttpError(503, "503 Server Error: Service Unavailable for url: http://h.test/x?q=1"));
    expect(response.defaultFailure("/x?q=[id]")!.message).toBe("503 Server Error: Service Unavailable for url: /x?q=[id]");
    expect(() => make(204).raiseForStatus()).not.toThrow();
  });

  test("a transport failure has status 0, no content, empty text, and raiseForStatus throws its error", () => {
    const error = new TransportError("ConnectionRefusedError", "refused");
    const response = new HttpResponse({ status: 0, content: null, url: "u", elapsed: 0, request, error });
    expect([response.status, response.content, response.text]).toEqual([0, null, ""]);
    expect(() => response.raiseForStatus()).toThrow(error);
    expect(response.defaultFailure("/n")).toBe(error);
  });
});
