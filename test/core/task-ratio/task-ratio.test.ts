import { describe, expect, test } from "bun:test";
import { computeTaskRatios, estimateUserCounts, type TaskRatioClass } from "../../../src/core/task-ratio/index.ts";

/** User → [Tasks] where Tasks = TaskSet{root_task1 ×rootWeight, SubTasks ×subWeight{task1, task2}}. */
function nestedUser(rootWeight: number, subWeight: number): TaskRatioClass {
  return {
    name: "MyUser",
    tasks: [
      {
        name: "Tasks",
        weightCount: 1,
        children: [
          { name: "root_task1", weightCount: rootWeight },
          {
            name: "SubTasks",
            weightCount: subWeight,
            children: [
              { name: "task1", weightCount: 1 },
              { name: "task2", weightCount: 1 },
            ],
          },
        ],
      },
    ],
  };
}

describe("computeTaskRatios", () => {
  test.each([
    [1, 1, true, 0.5, 0.5, 0.25],
    [1, 1, false, 0.5, 0.5, 0.5],
    [75, 25, true, 0.75, 0.25, 0.125],
    [75, 25, false, 0.75, 0.25, 0.5],
  ])("root %i / sub %i (total %p) → root %d, SubTasks %d, each sub-task %d", (root, sub, total, rootRatio, subRatio, leaf) => {
    expect(computeTaskRatios([nestedUser(root, sub)], { MyUser: 1 }, total)).toEqual({
      MyUser: {
        ratio: 1,
        tasks: {
          Tasks: {
            ratio: 1,
            tasks: {
              root_task1: { ratio: rootRatio },
              SubTasks: { ratio: subRatio, tasks: { task1: { ratio: leaf }, task2: { ratio: leaf } } },
            },
          },
        },
      },
    });
  });

  test("weights users by their counts and tasks by occurrences; total leaves sum to 1", () => {
    const tasks = [
      { name: "t1", weightCount: 1 },
      { name: "t3", weightCount: 3 },
    ];
    const classes = [
      { name: "User1", weight: 1, fixedCount: 0, tasks },
      { name: "User2", weight: 3, fixedCount: 0, tasks },
    ];
    const counts = estimateUserCounts(classes);
    expect(counts).toEqual({ User1: 1, User2: 3 });
    expect(computeTaskRatios(classes, counts, true)).toEqual({
      User1: { ratio: 0.25, tasks: { t1: { ratio: 0.0625 }, t3: { ratio: 0.1875 } } },
      User2: { ratio: 0.75, tasks: { t1: { ratio: 0.1875 }, t3: { ratio: 0.5625 } } },
    });
    expect(computeTaskRatios(classes, counts, false)).toEqual({
      User1: { ratio: 0.25, tasks: { t1: { ratio: 0.25 }, t3: { ratio: 0.75 } } },
      User2: { ratio: 0.75, tasks: { t1: { ratio: 0.25 }, t3: { ratio: 0.75 } } },
    });
  });

  test("reports zero ratios when no users run, and an empty map for a holder without tasks", () => {
    const classes = [
      { name: "A", tasks: [{ name: "t", weightCount: 2 }] },
      { name: "B", tasks: [] },
    ];
    expect(computeTaskRatios(classes, {}, true)).toEqual({
      A: { ratio: 0, tasks: { t: { ratio: 0 } } },
      B: { ratio: 0, tasks: {} },
    });
  });

  test("adds up duplicate names within one holder and leaves out zero-weight tasks", () => {
    const classes = [
      {
        name: "A",
        tasks: [
          { name: "t", weightCount: 1 },
          { name: "u", weightCount: 2 },
          { name: "t", weightCount: 1 },
          { name: "never", weightCount: 0 },
        ],
      },
    ];
    expect(computeTaskRatios(classes, { A: 2 }, true)).toEqual({
      A: { ratio: 1, tasks: { t: { ratio: 0.5 }, u: { ratio: 0.5 } } },
    });
  });
});

describe("estimateUserCounts", () => {
  const classes = [
    { name: "F", weight: 1, fixedCount: 2 },
    { name: "W1", weight: 1, fixedCount: 0 },
    { name: "W2", weight: 1, fixedCount: 0 },
  ];

  test.each([
    [11, { F: 2, W1: 4, W2: 4 }],
    [13, { F: 2, W1: 6, W2: 6 }],
    [12, { F: 2, W1: 5, W2: 5 }],
    [1, { F: 2, W1: 0, W2: 0 }],
    [undefined, { F: 2, W1: 0, W2: 0 }],
  ])("with %p users gives %o (weighted shares rounded half to even)", (numUsers, expected) => {
    expect(estimateUserCounts(classes, numUsers)).toEqual(expected);
  });

  test("uses the total weight as the user count when none is given and nothing is fixed", () => {
    expect(estimateUserCounts([{ name: "A", weight: 2, fixedCount: 0 }, { name: "B", weight: 5, fixedCount: 0 }])).toEqual({
      A: 2,
      B: 5,
    });
  });
});
