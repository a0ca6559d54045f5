// A RedisUser reading and writing a cache. Run from this folder against a local Redis:
//   bunx locust-bun -f examples/cache-user.ts -H redis://127.0.0.1:6379 --redis-key-prefix loadtest: --headless -u 10 -t 30s
import { between, task } from "locust-bun";
import { RedisUser } from "locust-bun-redis";

const PAGES = 1000;
const pickPage = () => Math.floor(Math.random() * PAGES);

export class CacheUser extends RedisUser {
  static override timeout = 2000;
  waitTime = between(0.05, 0.2);

  override async onStart() {
    await this.client.hset("session", { started: Date.now(), user: crypto.randomUUID() });
  }

  @task(10) async readPage() {
    const page = pickPage();
    const cached = await this.client.get(`page:${page}`, { name: "GET page:*" });
    if (cached === null) await this.client.set(`page:${page}`, `<html>page ${page}</html>`, { name: "SET page:*", ex: 60 });
  }

  @task(2) async countVisit() {
    await this.client.incr("visits");
  }

  @task async queueJob() {
    await this.client.lpush("jobs", JSON.stringify({ at: Date.now() }));
    await this.client.rpop("jobs");
  }

  @task async leaderboard() {
    await this.client.command("ZINCRBY", [this.client.key("board"), 1, `player:${pickPage() % 10}`]);
  }
}
