import packageJson from "../../package.json" with { type: "json" };
import type { WebUiContext } from "./web-ui-context.ts";
import type { FlagSpec } from "../core/options/index.ts";
import { locustfileName } from "./download-name.ts";
import { toWireName } from "./wire-format.ts";

/** One custom option (`parser.addArgument`) in the start form, as Locust shows them. */
export interface CustomOptionField {
  /** The form field: the option's snake_case wire name (`my_arg`). */
  name: string;
  /** The command-line flag (`--my-arg`). */
  label: string;
  help: string;
  kind: "bool" | "number" | "text";
  /** The current value (a secret's is sent too, and shown masked). */
  value: string | number | boolean | null;
  choices: readonly string[] | undefined;
  secret: boolean;
  required: boolean;
}

/** Settings the page needs before its first WebSocket frame (locust-bun's own shape, embedded in the HTML). */
export interface BootConfig {
  version: string;
  locustfile: string;
  host: string | null;
  /** Start-form defaults (from -u, -r, -t). */
  users: number;
  spawnRate: number;
  runTime: string;
  classPicker: boolean;
  userClasses: string[];
  /** Name of the LoadTestShape class, when one drives the test (the form then needs no numbers). */
  shape: string | null;
  tags: string[];
  /** Whether the page offers a logout link. */
  loginPage: boolean;
  /** Whether the full-history CSV exists to download (`--csv` with `--csv-full-history`). */
  fullHistory: boolean;
  /** Custom options shown in the start form (those added with `includeInWebUi`, the default). */
  customOptions: CustomOptionField[];
}

const NUMBER_KINDS = new Set(["int", "nonNegativeInt", "positiveInt", "port", "float", "positiveFloat"]);

function toField(flag: FlagSpec, parsed: Record<string, unknown>): CustomOptionField {
  const current = parsed[flag.key];
  const kind = flag.kind === "bool" ? "bool" : NUMBER_KINDS.has(flag.kind) ? "number" : "text";
  const value = Array.isArray(current) ? current.join(",") : typeof current === "string" || typeof current === "number" || typeof current === "boolean" ? current : null;
  return {
    name: toWireName(flag.key),
    label: flag.long,
    help: flag.help,
    kind,
    value,
    choices: flag.choices,
    secret: flag.webUi?.isSecret ?? false,
    required: flag.webUi?.isRequired ?? false,
  };
}

/** Id of the `<script type="application/json">` element that carries the {@link BootConfig}. */
export const BOOT_CONFIG_ID = "locust-bun-config";

/** The boot settings for the page. */
export function createBootConfig(context: WebUiContext): BootConfig {
  const { environment, options } = context;
  return {
    version: packageJson.version,
    locustfile: locustfileName(environment),
    host: environment.host ?? null,
    users: options.users ?? 1,
    spawnRate: options.spawnRate ?? 1,
    runTime: options.runTime === undefined ? "" : `${options.runTime}s`,
    classPicker: options.classPicker,
    userClasses: environment.userClasses.map((cls) => cls.name),
    shape: environment.shape ? environment.shape.constructor.name : null,
    tags: options.tags ?? [],
    loginPage: context.auth.usesLoginPage,
    fullHistory: Boolean(options.csvPrefix && options.csvFullHistory),
    customOptions: context.customFlags.filter((flag) => flag.webUi?.includeInWebUi !== false).map((flag) => toField(flag, environment.parsedOptions)),
  };
}

/** The page's HTML with the config embedded before `</head>` (`<` escaped so no value can end the script). */
export function injectBootConfig(html: string, config: BootConfig): string {
  const json = JSON.stringify(config).replace(/</g, "\\u003c");
  const script = `<script type="application/json" id="${BOOT_CONFIG_ID}">${json}</script>`;
  // A replacer function, not a string: a value with "$'" or "$`" (a host typed into the form) would be a pattern.
  return html.includes("</head>") ? html.replace("</head>", () => `${script}</head>`) : script + html;
}
