// Events and custom options: a --max-failures option that stops the test, and a quitting hook that sets the exit code. Run: bun run demo -- -f examples/events.ts --max-failures 5
import { FastHttpUser, events, task } from "locust-bun";

events.initCommandLineParser.addListener(({ parser }) => {
  parser.addArgument("--max-failures", { type: "int", default: 1000, help: "Stop the test after this many failures" });
});

let failures = 0;
events.request.addListener(({ exception, name }) => {
  if (exception && ++failures === 1) console.error(`first failure on ${name}`);
});

events.testStart.addListener(({ environment }) => {
  const limit = Number(environment.parsedOptions.maxFailures);
  events.request.addListener(({ exception }) => {
    if (exception && failures >= limit) void environment.runner?.quit();
  });
});

events.quitting.addListener(({ environment }) => {
  if (environment.stats.total.failRatio > 0.2) environment.processExitCode = 3;
});

export class Flaky extends FastHttpUser {
  @task flaky() {
    return this.client.get("/flaky");
  }
}
