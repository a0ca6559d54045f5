// The benchmark target: a tiny "ok" response on Bun.serve. Prints its port, then serves until killed.
const server = Bun.serve({ hostname: "127.0.0.1", port: Number(process.argv[2] ?? 0), fetch: () => new Response("ok") });
console.log(server.port);
