// MongoDBUser: timed finds (until every document arrived), writes and aggregations. Run: bunx locust-bun -f examples/mongodb.ts --host mongodb://127.0.0.1:27017/shop --headless -u 10 -t 30s
import { between, task } from "locust-bun";
import { MongoDBUser } from "locust-bun/mongodb";

export class Shopper extends MongoDBUser {
  // Used when --host is not a mongodb:// URL.
  static override connString = "mongodb://127.0.0.1:27017";
  static override dbName = "shop";
  // A server that is down becomes a counted failure after 2 s instead of 5 s.
  static override clientOptions = { serverSelectionTimeoutMS: 2000 };
  override waitTime = between(0.5, 2);

  override async onStart() {
    // Connected already (reported as MONGODB "connect").
    // Untimed setup through the driver's Db.
    await this.client.db.collection("products").createIndex({ sku: 1 }, { unique: true }).catch(() => {});
  }

  @task(10)
  async browse() {
    // Reported as MONGODB "find products"; response length = documents returned.
    await this.client.find("products", { price: { $lt: 50 } }, { sort: { price: 1 }, limit: 20 });
  }

  @task(3)
  async product() {
    await this.client.findOne("products", { sku: `sku-${Math.floor(Math.random() * 100)}` });
  }

  @task
  async order() {
    const sku = `sku-${Math.floor(Math.random() * 100)}`;
    await this.client.insertOne("orders", { sku, at: new Date(), quantity: 1 });
    await this.client.updateOne("products", { sku }, { $inc: { sold: 1 } }, { upsert: true });
  }

  @task
  async report() {
    const pipeline = [{ $group: { _id: "$sku", total: { $sum: "$quantity" } } }, { $sort: { total: -1 } }];
    await this.client.aggregate("orders", pipeline, { requestName: "top sellers" });
  }
}
