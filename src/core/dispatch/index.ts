/**
 * User dispatch: which user classes run where, step by step.
 * @module
 */
export type { DispatchUserClass } from "./dispatch-user-class.ts";
export { UsersDispatcher, type DispatchState, type DispatchStep } from "./dispatcher.ts";
export { selectDispatchableClasses } from "./select-dispatchable-classes.ts";
export { computeSpawnPacing, type SpawnPacing } from "./spawn-pacing.ts";
export { UserPicker } from "./user-picker.ts";
export { WeightedSequence, type WeightedName } from "./weighted-sequence.ts";
export { orderWorkers } from "./worker-order.ts";
