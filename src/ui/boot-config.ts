import packageJson from "../../package.json" with { type: "json" };
import type { WebUiContext } from "./web-ui-context.ts";
import { locustfileName } from "./download-name.ts";

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
  };
}

/** The page's HTML with the config embedded before `</head>` (`<` escaped so no value can end the script). */
export function injectBootConfig(html: string, config: BootConfig): string {
  const json = JSON.stringify(config).replace(/</g, "\\u003c");
  const script = `<script type="application/json" id="${BOOT_CONFIG_ID}">${json}</script>`;
  return html.includes("</head>") ? html.replace("</head>", `${script}</head>`) : script + html;
}
