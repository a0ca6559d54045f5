import { expect, test } from "bun:test";
import { exportsInDefinitionOrder } from "../../../src/core/locustfile/definition-order.ts";
import { createTempDir } from "../options/temp-dir.ts";

test("exports follow their declarations in the file; re-exports and unknown names come last", async () => {
  await using dir = await createTempDir();
  const path = await dir.write(
    "locustfile.ts",
    "export class Zeta {}\nexport const Middle = class {};\nexport class Alpha {}\nexport { Other } from './other';\n",
  );
  class Zeta {}
  const Middle = class {};
  class Alpha {}
  class Other {}
  // A module namespace lists its exports alphabetically.
  const namespace = { Alpha, Middle, Other, Zeta, version: 1 };
  expect(exportsInDefinitionOrder(path, namespace)).toEqual([Zeta, Middle, Alpha, Other, 1]);
});

test("an unreadable file keeps the namespace order", () => {
  const namespace = { A: 1, B: 2 };
  expect(exportsInDefinitionOrder("/nonexistent/locustfile.ts", namespace)).toEqual([1, 2]);
});
