import * as grpc from "@grpc/grpc-js";
import { fromJSON } from "@grpc/proto-loader";
import milvusDescriptor from "@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus";
// protobufjs comes with @grpc/proto-loader and the SDK; it decodes the two byte fields gRPC leaves opaque.
import protobuf from "protobufjs";

/** The SDK's own loader options, so requests decode here exactly as the SDK encoded them. */
export const LOADER_OPTIONS = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true } as const;

/** The gRPC services and message types, loaded from the descriptor JSON the SDK bundles. */
export interface MilvusProto {
  milvusService: grpc.ServiceDefinition;
  telemetryService: grpc.ServiceDefinition;
  root: protobuf.Root;
}

let loaded: MilvusProto | undefined;

/** Loads once per process: the descriptor is large and identical for every server. */
export function loadMilvusProto(): MilvusProto {
  if (loaded) return loaded;
  const descriptor = milvusDescriptor as unknown as protobuf.INamespace;
  const definition = fromJSON(descriptor, LOADER_OPTIONS);
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    milvus: { proto: { milvus: Record<string, grpc.ServiceClientConstructor> } };
  };
  const services = pkg.milvus.proto.milvus;
  loaded = {
    milvusService: services.MilvusService!.service,
    telemetryService: services.ClientTelemetryService!.service,
    root: protobuf.Root.fromJSON(descriptor),
  };
  return loaded;
}

/** Decodes bytes the SDK serialised itself (a CollectionSchema, a PlaceholderGroup) into a plain object. */
export function decodeMessage(typeName: string, bytes: Uint8Array): Record<string, any> {
  const type = loadMilvusProto().root.lookupType(typeName);
  return type.toObject(type.decode(bytes), LOADER_OPTIONS);
}

/** True when the method answers with a bare `common.Status` rather than a message holding `status`. */
export function answersWithStatus(method: grpc.MethodDefinition<unknown, unknown>): boolean {
  const responseType = (method as unknown as { responseType?: { type?: { name?: string } } }).responseType;
  return responseType?.type?.name === "Status";
}
