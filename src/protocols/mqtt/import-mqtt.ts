import type * as Mqtt from "mqtt";
import { LocustError } from "../../core/errors.ts";

/** The mqtt.js module namespace. */
export type MqttModule = typeof Mqtt;

/**
 * Imports mqtt.js on first use, so that importing locust-bun (or running an HTTP test) never loads it. The import
 * stays a literal so bundlers (`bun build --compile`) can still see it.
 * @param load how to import it (tests pass a failing loader)
 * @throws LocustError when the package is not installed.
 */
export async function importMqtt(load: () => Promise<unknown> = () => import("mqtt")): Promise<MqttModule> {
  try {
    return (await load()) as MqttModule;
  } catch (err) {
    throw new LocustError("MqttUser needs the 'mqtt' package: bun add mqtt", {
      code: "MISSING_DEPENDENCY",
      hint: "Install it in the project that holds the locustfile: bun add mqtt",
      cause: err,
    });
  }
}
