import { invalidParameter } from "./milvus-status.ts";

/** Reads a field (and optional JSON keys, as in `meta["color"]`) from an entity. */
export type FieldReader = (row: Record<string, unknown>, field: string, keys: string[]) => unknown;

/** A compiled filter. */
export type RowPredicate = (row: Record<string, unknown>) => boolean;

type Operand = (row: Record<string, unknown>) => unknown;

const TOKEN = /\s*(?:(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([A-Za-z_$][\w$]*)|(==|!=|<=|>=|&&|\|\||[<>!()[\],]))/y;
const COMPARISONS: Record<string, (a: any, b: any) => boolean> = {
  "==": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
};

/**
 * Compiles the subset of Milvus's boolean expression language that tests need: comparisons
 * (`==`, `!=`, `<`, `<=`, `>`, `>=`), `in` / `not in` lists, `like` with `%`, `and` / `or` / `not`
 * (or `&&`, `||`, `!`), parentheses and JSON keys (`field["key"]`). An empty expression matches everything.
 * Anything else fails the way Milvus does, with an invalid-parameter status.
 */
export function compileFilter(expression: string, read: FieldReader): RowPredicate {
  if (expression.trim() === "") return () => true;
  const parser = new Parser(tokenize(expression), read, expression);
  const predicate = parser.parseOr();
  parser.expectEnd();
  return predicate;
}

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    if (/^\s*$/.test(expression.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(expression);
    if (!match) throw invalidParameter(`cannot parse expression: ${expression}`);
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
  }
  return tokens;
}

class Parser {
  readonly #tokens: string[];
  readonly #read: FieldReader;
  readonly #source: string;
  #at = 0;

  constructor(tokens: string[], read: FieldReader, source: string) {
    this.#tokens = tokens;
    this.#read = read;
    this.#source = source;
  }

  parseOr(): RowPredicate {
    let left = this.#parseAnd();
    while (this.#accept("or", "||")) {
      const [a, b] = [left, this.#parseAnd()];
      left = (row) => a(row) || b(row);
    }
    return left;
  }

  expectEnd(): void {
    if (this.#at < this.#tokens.length) this.#fail();
  }

  #parseAnd(): RowPredicate {
    let left = this.#parseNot();
    while (this.#accept("and", "&&")) {
      const [a, b] = [left, this.#parseNot()];
      left = (row) => a(row) && b(row);
    }
    return left;
  }

  #parseNot(): RowPredicate {
    if (this.#accept("not", "!")) {
      const inner = this.#parseNot();
      return (row) => !inner(row);
    }
    if (this.#accept("(")) {
      const inner = this.parseOr();
      this.#expect(")");
      return inner;
    }
    return this.#parseComparison();
  }

  #parseComparison(): RowPredicate {
    const left = this.#parseOperand();
    const negated = this.#accept("not");
    if (this.#accept("in")) {
      const list = this.#parseList();
      return (row) => list.includes(left(row)) !== negated;
    }
    if (negated) this.#fail();
    if (this.#accept("like")) {
      const pattern = likePattern(String(this.#parseLiteral()));
      return (row) => pattern.test(String(left(row) ?? ""));
    }
    const op = this.#tokens[this.#at++];
    const compare = op === undefined ? undefined : COMPARISONS[op];
    if (!compare) return this.#fail();
    const right = this.#parseOperand();
    return (row) => {
      const [a, b] = [left(row), right(row)];
      return a !== undefined && a !== null && b !== undefined && b !== null && compare(a, b);
    };
  }

  #parseOperand(): Operand {
    const token = this.#tokens[this.#at];
    if (token !== undefined && /^[A-Za-z_$]/.test(token) && !["true", "false"].includes(token.toLowerCase())) {
      this.#at++;
      const keys: string[] = [];
      while (this.#accept("[")) {
        keys.push(String(this.#parseLiteral()));
        this.#expect("]");
      }
      return (row) => this.#read(row, token, keys);
    }
    const value = this.#parseLiteral();
    return () => value;
  }

  #parseList(): unknown[] {
    this.#expect("[");
    const values: unknown[] = [];
    while (!this.#accept("]")) {
      values.push(this.#parseLiteral());
      this.#accept(",");
    }
    return values;
  }

  #parseLiteral(): unknown {
    const token = this.#tokens[this.#at++];
    if (token === undefined) return this.#fail();
    if (/^["']/.test(token)) return token.slice(1, -1).replace(/\\(.)/g, "$1");
    if (/^-?\d/.test(token)) return Number(token);
    if (token.toLowerCase() === "true" || token.toLowerCase() === "false") return token.toLowerCase() === "true";
    return this.#fail();
  }

  #accept(...options: string[]): boolean {
    const token = this.#tokens[this.#at]?.toLowerCase();
    if (token === undefined || !options.includes(token)) return false;
    this.#at++;
    return true;
  }

  #expect(token: string): void {
    if (!this.#accept(token)) this.#fail();
  }

  #fail(): never {
    throw invalidParameter(`cannot parse expression: ${this.#source}`);
  }
}

function likePattern(pattern: string): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll("%", ".*").replaceAll("_", ".");
  return new RegExp(`^${body}$`, "s");
}
