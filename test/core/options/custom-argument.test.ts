import { describe, expect, test } from "bun:test";
import { createCustomFlag, type CustomArgumentSpec } from "../../../src/core/options/custom-argument.ts";

const flagOf = (spec: CustomArgumentSpec) => {
  const { kind, default: value, env, choices, metavar } = createCustomFlag("--my-arg", undefined, "myArg", spec);
  return { kind, default: value, env, choices, metavar };
};

describe("createCustomFlag takes Locust's add_argument keywords in camelCase", () => {
  test.each<[string, CustomArgumentSpec, Partial<ReturnType<typeof flagOf>>]>([
    ["type str", { type: "str", default: "" }, { kind: "string", default: "", metavar: "<string>" }],
    ["type int with a text default parsed as argparse does", { type: "int", default: "3" }, { kind: "int", default: 3, metavar: "<int>" }],
    ["type float", { type: "float", default: 0.5 }, { kind: "float", default: 0.5 }],
    ["action store_true", { action: "store_true" }, { kind: "bool", default: false, metavar: undefined }],
    ["a boolean default", { default: true }, { kind: "bool", default: true }],
    ["numeric choices, compared as text", { type: "int", choices: [1, 2] }, { kind: "int", choices: ["1", "2"] }],
    ["isMultiple", { choices: ["a", "b"], isMultiple: true, default: ["a"] }, { kind: "list", default: ["a"] }],
    ["envVar", { envVar: "MY_VAR" }, { env: "MY_VAR" }],
    ["env", { env: "MY_VAR" }, { env: "MY_VAR" }],
    ["no variable", { envVar: false }, { env: undefined }],
    ["the default variable", {}, { env: "LOCUST_MY_ARG", kind: "string" }],
  ])("%s", (_, spec, expected) => {
    expect(flagOf(spec)).toMatchObject(expected);
  });

  test.each<[CustomArgumentSpec, string]>([
    [{ env_var: "X" } as CustomArgumentSpec, "unknown key 'env_var' (did you mean 'envVar'?)"],
    [{ include_in_web_ui: false } as CustomArgumentSpec, "unknown key 'include_in_web_ui' (did you mean 'includeInWebUi'?)"],
    [{ dest: "x" } as CustomArgumentSpec, "unknown key 'dest'"],
    [{ type: "integer" } as unknown as CustomArgumentSpec, `unknown type 'integer'; use one of "str", "int", "float", "bool", "list"`],
    [{ action: "store_false" } as unknown as CustomArgumentSpec, "unsupported action 'store_false'"],
    [{ action: "store_true", type: "int" }, `action "store_true" cannot have type 'int'`],
    [{ env: "A", envVar: "B" }, "'env' and 'envVar' name different variables (A, B); give one"],
    [{ envVar: "NOT A NAME" }, "'NOT A NAME' is not an environment variable name"],
    [{ type: "float", default: "half" }, "invalid value for --my-arg (its default): 'half' is not a number"],
  ])("refuses %p in one line", (spec, problem) => {
    expect(() => createCustomFlag("--my-arg", undefined, "myArg", spec)).toThrow(`addArgument("--my-arg"): ${problem}`);
  });
});
