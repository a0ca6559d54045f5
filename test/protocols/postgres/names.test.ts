import { expect, test } from "bun:test";
import { formatQueryName, MAX_QUERY_NAME_LENGTH } from "../../../src/protocols/postgres/names.ts";

test.each([
  ["SELECT *\n   FROM users\tWHERE id = 42", "SELECT * FROM users WHERE id = ?"],
  ["select 1;", "select ?"],
  ["INSERT INTO t1 (a, b) VALUES ($1, $2)", "INSERT INTO t1 (a, b) VALUES ($1, $2)"],
  ["SELECT 'it''s', 3.5e10, -2 FROM t2", "SELECT ?, ?, ? FROM t2"],
  ["SELECT x2, t.col3 FROM t WHERE name = 'bob' AND n > 10", "SELECT x2, t.col3 FROM t WHERE name = ?…"],
  ["BEGIN", "BEGIN"],
])("formatQueryName(%j) is %j", (sql, name) => {
  expect(formatQueryName(sql)).toBe(name);
});

test("a derived name is at most the limit plus an ellipsis", () => {
  const name = formatQueryName(`SELECT ${"column_name, ".repeat(20)} FROM wide`);
  expect(name.length).toBe(MAX_QUERY_NAME_LENGTH + 1);
  expect(name.endsWith("…")).toBe(true);
});
