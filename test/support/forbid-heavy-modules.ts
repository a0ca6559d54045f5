/**
 * Preload for the lazy-load test: the process exits with code 99, naming the module, as soon as any heavy protocol
 * library is loaded, or msgpackr, which only distributed runs need.
 */
const HEAVY = /node_modules\/(mqtt|pg|mongodb|socket\.io-client|engine\.io-client|@zilliz\/milvus2-sdk-node|@grpc\/grpc-js|dns-packet|msgpackr)\//;

Bun.plugin({
  name: "forbid-heavy-modules",
  setup(build) {
    build.onLoad({ filter: HEAVY }, (args) => {
      process.stderr.write(`heavy module loaded: ${args.path}\n`);
      process.exit(99);
    });
  },
});
