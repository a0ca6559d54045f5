// Locust's add_command_line_argument example, ported: custom options on the command line, in LOCUST_* variables and the web UI. Run: bun run demo -- -f examples/custom-arguments.ts --my-argument hello
import { HttpUser, constant, events, task } from "locust-bun";

events.initCommandLineParser.addListener(({ parser }) => {
  parser.addArgument("--my-argument", { type: "str", envVar: "LOCUST_MY_ARGUMENT", default: "", help: "It's working" });
  // Choices validate command-line input and show a dropdown in the web UI.
  parser.addArgument("--env", { choices: ["dev", "staging", "prod"], default: "dev", help: "Environment" });
  // With choices, isMultiple allows several selections.
  parser.addArgument("--endpoints", { choices: ["a", "b", "c"], isMultiple: true, default: ["a"], help: "Endpoints" });
  parser.addArgument("--my-ui-invisible-argument", { includeInWebUi: false, default: "I am invisible" });
  parser.addArgument("--my-ui-password-argument", { isSecret: true, default: "I am a secret" });
  // A boolean default makes a checkbox in the web UI.
  parser.addArgument("--my-ui-boolean-argument", { default: true });
  parser.addArgument("--my-ui-required-argument", { isRequired: true, default: "I am required" });
});

events.testStart.addListener(({ environment }) => {
  console.log(`Custom argument supplied: ${environment.parsedOptions.myArgument}`);
});

export class WebsiteUser extends HttpUser {
  waitTime = constant(1);

  @task async myTask() {
    const options = this.environment.parsedOptions;
    console.log(`my_argument=${options.myArgument}`);
    console.log(`my_ui_invisible_argument=${options.myUiInvisibleArgument}`);
    await this.client.get("/");
  }
}
