/**
 * locust-bun: Locust's load-testing model in TypeScript on Bun. This barrel is the table of contents of the public
 * API; protocol users other than HTTP live behind subpath exports (`locust-bun/mqtt`, …) so they load only when used.
 * @module
 */

// Users, tasks and wait times
export { User, type UserClass, type UserState } from "./core/user/user.ts";
export { TaskSet, type ClientOf } from "./core/user/task-set.ts";
export { SequentialTaskSet } from "./core/user/sequential-task-set.ts";
export { MarkovTaskSet, transition, transitions } from "./core/user/markov-task-set.ts";
export { task, tag } from "./core/user/decorators.ts";
export type { TaskDeclaration, TaskFunction, TaskRef } from "./core/user/task-entry.ts";
export { untilAborted } from "./core/events/until-aborted.ts";
export { pickSettings, ProtocolUser, type ClientOwner, type ProtocolClient } from "./core/user/protocol-user.ts";
export {
  between,
  constant,
  constantPacing,
  constantThroughput,
  type WaitTimeFunction,
} from "./core/user/wait-time.ts";

// Errors
export {
  CatchResponseError,
  ForcedStop,
  InterruptTaskSet,
  LocustError,
  MissingWaitTimeError,
  RescheduleTask,
  RescheduleTaskImmediately,
  ResponseError,
  StopTest,
  StopUser,
} from "./core/errors.ts";

// Events
export { EventHook, type Listener } from "./core/events/event-hook.ts";
export { RequestHook, type MeasureOptions, type ObservedFact, type RequestEvent, type RequestMeta } from "./core/events/request-hook.ts";
export { Events, events, type UserErrorArgs } from "./core/events/events.ts";

// Running
export { Environment, type EnvironmentSettings, type WebRouteHandler, type WebUiExtension } from "./core/environment.ts";
export type { ArgumentTable, CustomArgumentSpec } from "./core/options/index.ts";
export { LocalRunner, type RunnerMessage } from "./core/runner/local-runner.ts";
export type { RunnerState } from "./core/runner/runner-state.ts";
export { LoadTestShape, type ShapeTick } from "./core/shape/load-test-shape.ts";
export type { ArrivalShapeTick } from "./core/shape/arrival-tick.ts";
export { runSingleUser, type SingleUserOptions } from "./core/single-user.ts";
export { realClock, type Clock } from "./core/clock.ts";
export { createLogger } from "./core/log.ts";

// Statistics
export { RequestStats, StatsEntry } from "./core/stats/index.ts";

// HTTP (no third-party libraries: fetch and Bun.connect)
export { HttpUser, HttpSession, HttpResponse } from "./protocols/http/index.ts";
export { FastHttpUser, FastHttpSession } from "./protocols/fasthttp/index.ts";
