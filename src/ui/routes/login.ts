import packageJson from "../../../package.json" with { type: "json" };
import { formatRetryAfter, formatTooManyAttempts, readClientAddress } from "../login-throttle.ts";
import { renderLoginPage } from "../login-page.ts";
import { readBodyFields } from "../request-body.ts";
import type { Route, RouteContext } from "../route-table.ts";
import type { WebUiContext } from "../web-ui-context.ts";

const html = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { ...headers, "content-type": "text/html; charset=utf-8" } });
const redirect = (location: string, headers: Record<string, string> = {}) =>
  new Response(null, { status: 303, headers: { ...headers, location } });

/** GET/POST /login and GET /logout (public; without `--web-login`, /login redirects to the page, as in Locust). */
export function createLoginRoutes(context: WebUiContext): Route[] {
  const { auth, basePath, log } = context;
  const home = `${basePath}/`;

  const show = (): Response => (auth.usesLoginPage ? html(renderLoginPage({ version: packageJson.version })) : redirect(home));

  const submit = async (req: Request, { server }: RouteContext): Promise<Response> => {
    if (!auth.usesLoginPage) return redirect(home);
    const fields = await readBodyFields(req);
    if (!auth.hasLoginCredentials) {
      log.error("--web-login is on but nothing can check a login: pass --web-auth user:password, or call environment.webUi.setLoginCheck(fn) in an init listener");
    }
    const result = await auth.login(fields.get("username")?.at(-1) ?? "", fields.get("password")?.at(-1) ?? "", readClientAddress(req, server));
    if ("token" in result) return redirect(home, { "set-cookie": auth.formatSessionCookie(result.token) });
    if ("failed" in result) return html(renderLoginPage({ version: packageJson.version, error: "Invalid username or password" }), 401);
    const page = renderLoginPage({ version: packageJson.version, error: formatTooManyAttempts(result.retryAfterMs) });
    return html(page, 429, { "retry-after": formatRetryAfter(result.retryAfterMs) });
  };

  const logout = (req: Request): Response => {
    auth.logout(req);
    return redirect(auth.usesLoginPage ? `${basePath}/login` : home, { "set-cookie": auth.formatSessionCookie("") });
  };

  return [
    { path: "/login", access: "public", methods: { GET: show, POST: submit } },
    { path: "/logout", access: "public", methods: { GET: logout }, stateChangingGet: true },
  ];
}
