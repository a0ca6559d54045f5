/**
 * Task ratios (`--show-task-ratio`, the web UI's ratio tab, the report): how often each task runs, per user class
 * and in total, from the class weights and the tag-filtered task tree.
 * @module
 */
export { computeTaskRatios, estimateUserCounts, type TaskRatio, type TaskRatioClass, type TaskRatioNode } from "./task-ratio.ts";
export { buildTaskRatioTree } from "./task-tree.ts";
