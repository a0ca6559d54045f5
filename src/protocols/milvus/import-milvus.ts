import type * as MilvusSdk from "@zilliz/milvus2-sdk-node";
import { LocustError } from "../../core/errors.ts";

/** The `@zilliz/milvus2-sdk-node` module, as loaded on first use. */
export type MilvusSdkModule = typeof MilvusSdk;

/**
 * Loads the Milvus SDK on first use, so importing locust-bun never loads it (nor gRPC).
 * @param load how to import it (tests pass a failing loader)
 */
export async function importMilvusSdk(
  load: () => Promise<unknown> = () => import("@zilliz/milvus2-sdk-node"),
): Promise<MilvusSdkModule> {
  try {
    const loaded = (await load()) as MilvusSdkModule & { default?: MilvusSdkModule };
    return typeof loaded.MilvusClient === "function" ? loaded : loaded.default!;
  } catch (error) {
    throw new LocustError("MilvusUser needs the '@zilliz/milvus2-sdk-node' package: bun add @zilliz/milvus2-sdk-node", {
      code: "MISSING_DEPENDENCY",
      hint: "Install it next to locust-bun: bun add @zilliz/milvus2-sdk-node",
      cause: error,
    });
  }
}
