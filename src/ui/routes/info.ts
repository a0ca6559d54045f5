import { MasterRunner } from "../../core/runner/distributed/master-runner.ts";
import { workerLogs } from "../worker-rows.ts";
import { recentLogLines } from "../../core/log.ts";
import type { UserClass } from "../../core/user/user.ts";
import { locustJsonResponse } from "../locust-json.ts";
import { computeTaskRatioReport } from "../task-ratios.ts";
import { readJsonObject } from "../request-body.ts";
import type { Route } from "../route-table.ts";
import type { WebUiContext } from "../web-ui-context.ts";
import { formatLogsReport, formatTasksReport, formatWorkerCount, parseUserClassUpdate } from "../wire-format.ts";

/** /tasks, /logs, POST /user and /worker-count. */
export function createInfoRoutes(context: WebUiContext): Route[] {
  const { environment } = context;

  const tasks = (): Response => {
    const { perClass, total } = computeTaskRatioReport(environment);
    return locustJsonResponse(formatTasksReport(perClass, total));
  };

  const updateUser = async (req: Request): Promise<Response> => {
    const update = parseUserClassUpdate(await readJsonObject(req));
    const cls = typeof update.userClassName === "string" ? environment.userClassByName(update.userClassName) : undefined;
    if (!cls) return failure(`Unknown user class: ${String(update.userClassName)}`);
    const changes: Partial<Record<"host" | "weight" | "fixedCount", unknown>> = {};
    if (update.host !== undefined) {
      if (typeof update.host !== "string") return failure("host must be a string");
      changes.host = update.host.replace(/[<>]/g, "") || undefined;
    }
    if (update.weight !== undefined) {
      const weight = Number(update.weight);
      if (!Number.isInteger(weight) || weight < 1) return failure("weight must be a positive integer");
      changes.weight = weight;
    }
    if (update.fixedCount !== undefined) {
      const fixedCount = Number(update.fixedCount);
      if (!Number.isInteger(fixedCount) || fixedCount < 0) return failure("fixed_count must be a non-negative integer");
      changes.fixedCount = fixedCount;
    }
    const problem = applyClassChanges(cls, changes);
    if (problem) return failure(problem);
    // A master's workers run the users: they take the new host too (Locust's update_user_class message).
    if (environment.runner instanceof MasterRunner) {
      environment.runner.sendMessage("update_user_class", { user_class_name: cls.name, host: changes.host ?? null });
    }
    return locustJsonResponse({}, { status: 201 });
  };

  const workerCount = () => (environment.runner instanceof MasterRunner ? environment.runner.workerCount : 0);

  return [
    { path: "/tasks", access: "api", methods: { GET: tasks } },
    { path: "/logs", access: "api", methods: { GET: () => locustJsonResponse(formatLogsReport(recentLogLines(), workerLogs(environment.runner))) } },
    { path: "/user", access: "api", methods: { POST: updateUser } },
    { path: "/worker-count", access: "api", methods: { GET: () => locustJsonResponse(formatWorkerCount(workerCount())) } },
  ];
}

function failure(message: string): Response {
  return locustJsonResponse({ success: false, message }, { status: 400 });
}

/** Sets the class's static settings (they apply from the next ramp); returns a message when one cannot change. */
function applyClassChanges(cls: UserClass, changes: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(changes)) {
    try {
      Object.defineProperty(cls, key, { value, writable: true, configurable: true, enumerable: true });
    } catch {
      return `${key} of ${cls.name} cannot be changed (it is fixed by --equal-weights)`;
    }
  }
  return undefined;
}
