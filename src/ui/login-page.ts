import { escapeHtml } from "./escape-html.ts";

/** The `--web-login` page: a plain form posting username and password back to `./login`. */
export function renderLoginPage(options: { error?: string; version: string }): string {
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>locust-bun · sign in</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { display: grid; place-items: center; min-height: 100vh; margin: 0; background: Canvas; }
  form { display: grid; gap: .75rem; width: min(22rem, 90vw); padding: 2rem; border: 1px solid #8884; border-radius: 12px; }
  h1 { margin: 0 0 .5rem; font-size: 1.4rem; }
  label { display: grid; gap: .25rem; font-size: .9rem; }
  input { padding: .55rem .6rem; border: 1px solid #8886; border-radius: 6px; font: inherit; }
  button { padding: .6rem; border: 0; border-radius: 6px; background: #2f7d4f; color: #fff; font: inherit; cursor: pointer; }
  .error { margin: 0; color: #c0392b; }
  small { opacity: .6; }
</style>
</head>
<body>
<form method="post" action="./login">
  <h1>locust-bun</h1>
  ${error}
  <label>Username <input name="username" autocomplete="username" required autofocus></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
  <small>locust-bun ${escapeHtml(options.version)}</small>
</form>
</body>
</html>
`;
}
