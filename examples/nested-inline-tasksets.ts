// Locust's nested_inline_tasksets example, ported: TaskSets declared inline as `@task static` fields. Run: bun run demo -- -f examples/nested-inline-tasksets.ts
import { HttpUser, TaskSet, between, task } from "locust-bun";

export class WebsiteUser extends HttpUser {
  waitTime = between(2, 5);

  @task static TopLevelTaskSet = class extends TaskSet<WebsiteUser> {
    @task static IndexTaskSet = class extends TaskSet<WebsiteUser> {
      @task(10) async index() {
        await this.client.get("/");
      }

      @task(1) stop() {
        this.interrupt();
      }
    };

    @task async stats() {
      await this.client.get("/stats/requests");
    }
  };
}
