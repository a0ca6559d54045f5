/**
 * `--tags` / `--exclude-tags` filtering. A TaskSet entry is kept only if something inside it survives the filter.
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#tag-decorator
 */
import { isMarkovTaskSetClass, type TaskEntry } from "./task-entry.ts";
import type { TaskList } from "./task-table.ts";

/** Tags to include (empty: everything) and to exclude. */
export interface TagFilter {
  include: readonly string[];
  exclude: readonly string[];
}

const intersects = (tags: ReadonlySet<string>, names: readonly string[]) => names.some((name) => tags.has(name));

/** Whether a plain task with these tags passes the filter. */
function passesTagFilter(tags: ReadonlySet<string>, filter: TagFilter): boolean {
  if (filter.include.length > 0 && !intersects(tags, filter.include)) return false;
  return !(filter.exclude.length > 0 && intersects(tags, filter.exclude));
}

/**
 * Keeps the entries that pass; `nested(taskSetClass, tags)` gives a nested TaskSet's filtered list so it can be
 * dropped when empty. A MarkovTaskSet is always kept: its states cannot be tagged.
 */
export function filterByTags(
  entries: TaskEntry[],
  filter: TagFilter,
  nested: (taskSet: Function, outerTags: ReadonlySet<string>) => TaskList,
): TaskEntry[] {
  if (filter.include.length === 0 && filter.exclude.length === 0) return entries;
  return entries.filter((entry) => {
    if (entry.kind !== "taskset") return passesTagFilter(entry.tags, filter);
    return isMarkovTaskSetClass(entry.ref) || nested(entry.ref as Function, entry.tags).entries.length > 0;
  });
}
