import { describe, expect, test } from "bun:test";
import { orderWorkers } from "../../../src/core/dispatch/worker-order.ts";

describe("orderWorkers", () => {
  test.each([
    [
      "interleaves workers of two hosts",
      ["hostname2_worker2", "hostname1_worker1", "hostname2_worker1", "hostname1_worker2"],
      ["hostname1_worker1", "hostname2_worker1", "hostname1_worker2", "hostname2_worker2"],
    ],
    [
      "interleaves hosts with different worker counts",
      ["b_1", "a_1", "a_2", "a_3", "c_1", "b_2"],
      ["a_1", "b_1", "c_1", "a_2", "b_2", "a_3"],
    ],
    ["sorts ids without a host prefix plainly", ["3", "1", "2"], ["1", "2", "3"]],
    ["keeps a single local worker", ["local"], ["local"]],
  ])("%s", (_label, ids, expected) => {
    expect(orderWorkers(ids)).toEqual(expected);
  });

  test("does not modify its input", () => {
    const ids = ["b_1", "a_1"];
    orderWorkers(ids);
    expect(ids).toEqual(["b_1", "a_1"]);
  });
});
