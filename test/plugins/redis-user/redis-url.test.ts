import { expect, test } from "bun:test";
import { formatRedisUrl, isRedisUrl } from "../../../plugins/redis-user/src/redis-url.ts";

test.each([
  ["redis://127.0.0.1:6379", true],
  ["rediss://cache.example.net:6380/2", true],
  ["valkey://127.0.0.1", true],
  ["redis+unix:///run/redis.sock", true],
  ["REDIS://127.0.0.1", true],
  ["http://127.0.0.1:6379", false],
  ["127.0.0.1:6379", false],
  [undefined, false],
])("isRedisUrl(%p) is %p", (url, expected) => {
  expect(isRedisUrl(url)).toBe(expected);
});

test.each([
  ["redis://loader:s3cret@127.0.0.1:6379/2", "redis://127.0.0.1:6379/2"],
  ["redis://:onlypass@cache:6380", "redis://cache:6380"],
  ["redis://127.0.0.1:6379", "redis://127.0.0.1:6379"],
  ["redis+unix:///run/redis.sock", "redis+unix:///run/redis.sock"],
])("formatRedisUrl drops credentials: %s → %s", (url, shown) => {
  expect(formatRedisUrl(url)).toBe(shown);
});
