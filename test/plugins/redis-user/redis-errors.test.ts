import { expect, test } from "bun:test";
import {
  RedisConnectionError,
  RedisTimeoutError,
  classifyRedisError,
  isConnectionFault,
} from "../../../plugins/redis-user/src/redis-errors.ts";

const serverError = (message: string) => Object.assign(new Error(message), { code: "ERR_REDIS_SERVER_ERROR" });

test.each([
  ["a lost or refused connection", "connection", () => new RedisConnectionError("cannot connect")],
  ["a timeout", "timeout", () => new RedisTimeoutError("GET got no reply")],
  ["a WRONGTYPE reply", "WRONGTYPE", () => serverError("WRONGTYPE Operation against a key holding the wrong kind of value")],
  ["an ERR reply", "ERR", () => serverError("ERR unknown command 'NOPE'")],
  ["another error", "TypeError", () => new TypeError("bad argument")],
  ["a non-error value", "odd", () => "odd"],
])("classifyRedisError labels %s as %p", (_label, kind, createError) => {
  expect(classifyRedisError(createError())).toBe(kind);
});

test("connection faults are told apart from error replies by Bun's error code", () => {
  const closed = Object.assign(new Error("Connection closed"), { code: "ERR_REDIS_CONNECTION_CLOSED" });
  expect([isConnectionFault(closed), isConnectionFault(serverError("ERR x")), isConnectionFault(null)]).toEqual([true, false, false]);
});
