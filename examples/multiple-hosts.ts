// Locust's multiple_hosts example, ported: a second HttpSession for another host, counted in the same stats. Run: API_HOST=http://127.0.0.1:8089 bun run demo -- -f examples/multiple-hosts.ts
import { HttpSession, HttpUser, TaskSet, between, task, type Environment } from "locust-bun";

abstract class MultipleHostsUser extends HttpUser {
  static override abstract = true;
  readonly apiClient: HttpSession;

  constructor(environment: Environment) {
    super(environment);
    this.apiClient = new HttpSession({ baseUrl: process.env.API_HOST, requestEvent: this.client.requestEvent, user: this });
  }
}

class UserTasks extends TaskSet<WebsiteUser> {
  @task async index() {
    await this.user.client.get("/");
  }

  @task async indexOtherHost() {
    await this.user.apiClient.get("/stats/requests");
  }
}

export class WebsiteUser extends MultipleHostsUser {
  static override host = "http://127.0.0.1:8089";
  waitTime = between(2, 5);
  static override tasks = [UserTasks];
}
