// MilvusUser: vector search with a recall metric, inserts and queries. Run: bunx locust-bun -f examples/milvus.ts --host http://127.0.0.1:19530 --headless -u 5 -t 30s
import { DataType } from "@zilliz/milvus2-sdk-node";
import { between, task } from "locust-bun";
import { MilvusUser } from "locust-bun/milvus";

const DIM = 8;
const randomVector = () => Array.from({ length: DIM }, () => Math.random());

export class Searcher extends MilvusUser {
  static override collectionName = "locust_demo";
  static override timeout = 10;
  // The first user creates, indexes and loads the collection if it is missing.
  static override schema = {
    fields: [
      { name: "id", data_type: DataType.Int64, is_primary_key: true, autoID: true },
      { name: "vec", data_type: DataType.FloatVector, dim: DIM },
    ],
  };
  static override indexParams = { field_name: "vec", index_type: "FLAT", metric_type: "L2" };
  override waitTime = between(0.1, 0.5);

  @task(10)
  async search() {
    // Reported as milvus "search"; an empty result is not a failure (Locust's rule; see emptyIsFailure).
    await this.client.search([randomVector()], { annsField: "vec", limit: 10 });
  }

  @task(2)
  async insert() {
    await this.client.insert(Array.from({ length: 20 }, () => ({ vec: randomVector() })));
  }

  @task
  async selfRecall() {
    // Searching a stored vector must find it: "recall" reports recall × 100 as its response time.
    const sample = await this.client.query("id > 0", { outputFields: ["id", "vec"], limit: 1, requestName: "sample" });
    const row = sample?.data[0];
    if (row) await this.client.search([row.vec], { annsField: "vec", limit: 1, groundTruth: [row.id] });
  }
}
