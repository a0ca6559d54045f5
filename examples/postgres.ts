// PostgresUser: named and SQL-named statements, a transaction, a statement timeout. Run: bunx locust-bun -f examples/postgres.ts --host postgres://postgres@127.0.0.1:5432/test --headless -u 5 -t 10s
import { between, events, task } from "locust-bun";
import { PostgresUser } from "locust-bun/postgres";

// One simple-query string runs as one transaction, so the advisory lock keeps concurrent users from racing the
// CREATE TABLE IF NOT EXISTS (a known PostgreSQL race).
const SETUP = `SELECT pg_advisory_xact_lock(4711); CREATE TABLE IF NOT EXISTS locust_orders (
  id serial PRIMARY KEY, item int NOT NULL, qty int NOT NULL, created timestamptz DEFAULT now())`;

export class Shop extends PostgresUser {
  // Used when --host is not a postgres:// URL.
  static override connString = "postgres://postgres@127.0.0.1:5432/test";
  // Two connections per user, so two statements of one user can run at once.
  static override poolSize = 2;
  // Statements running longer than 2 s are cancelled by the server and counted as failures.
  static override statementTimeout = 2000;
  override waitTime = between(0.2, 1);

  override async onStart() {
    // Connected already (reported as postgres "connect").
    await this.client.executeQuery(SETUP, undefined, "setup");
  }

  @task(10)
  async recentOrders() {
    // Reported as postgres "recent orders"; response length = rows returned.
    await this.client.executeQuery("SELECT * FROM locust_orders ORDER BY id DESC LIMIT $1", [20], "recent orders");
  }

  @task(3)
  async countOrders() {
    // No name given: reported as the normalised SQL cut to 40 characters, "SELECT count(*) FROM locust_orders WHERE…".
    await this.client.executeQuery("SELECT count(*) FROM locust_orders WHERE qty > 2");
  }

  @task(2)
  async placeOrder() {
    // BEGIN, both statements, COMMIT and the whole "place order" transaction are reported; an error rolls back.
    await this.client.transaction(async (tx) => {
      const item = 1 + Math.floor(Math.random() * 100);
      await tx.executeQuery("INSERT INTO locust_orders (item, qty) VALUES ($1, $2)", [item, 1], "insert order");
      await tx.executeQuery("SELECT pg_sleep(0.01)", [], "payment check");
    }, "place order");
  }
}

events.testStop.addListener(() => console.log("Drop the demo table with: DROP TABLE locust_orders;"));
