import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FLAGS, resolveOptions, type Options } from "../../src/core/options/index.ts";
import { startCli } from "../support/cli-process.ts";
import {
  containerCommand,
  containerEnv,
  DEPLOY_DIR,
  execForm,
  parseDockerfile,
  readManifests,
  type ConfigMap,
  type Container,
  type Deployment,
  type Kustomization,
  type Service,
} from "../support/deploy-files.ts";
import { freePort } from "../support/free-port.ts";
import { createProject } from "../support/run-cli.ts";

const manifests = readManifests();
const ofKind = <T>(kind: string) => manifests.filter((object) => object.kind === kind) as T[];
const deployments = ofKind<Deployment>("Deployment");
const [service] = ofKind<Service>("Service");
const [configMap] = ofKind<ConfigMap>("ConfigMap");
const role = (component: string) => deployments.find((d) => d.spec.template.metadata.labels["app.kubernetes.io/component"] === component)!;
const containerOf = (deployment: Deployment) => deployment.spec.template.spec.containers[0]!;
const master = role("master");
const worker = role("worker");

const dockerfile = parseDockerfile(readFileSync(join(DEPLOY_DIR, "Dockerfile"), "utf8"));
const entrypoint = execForm(dockerfile.find((instruction) => instruction.instruction === "ENTRYPOINT")!);
/** The CLI's own arguments: what follows the program name (`locust-bun`, or its `locust` alias). */
function cliArguments(container: Container): string[] {
  const [program, ...args] = containerCommand(container, entrypoint, []);
  expect(["locust-bun", "locust"]).toContain(program!);
  return args;
}

/** A Service port by name, with the master container port it forwards to. */
function servicePort(name: string): { port: number; containerPort: number | undefined } {
  const port = service!.spec.ports.find((candidate) => candidate.name === name)!;
  const target = containerOf(master).ports!.find((p) => p.name === port.targetPort || p.containerPort === port.targetPort);
  return { port: port.port, containerPort: target?.containerPort };
}

const isSubset = (labels: Record<string, string>, of: Record<string, string>) =>
  Object.entries(labels).every(([key, value]) => of[key] === value);

/** The container's options as locust-bun resolves them, with no config files around (hermetic). */
function resolveContainerOptions(container: Container): Options {
  const empty = mkdtempSync(join(tmpdir(), "locust-bun-manifest-"));
  try {
    return resolveOptions({ argv: cliArguments(container), env: containerEnv(container), cwd: empty, home: empty }).options;
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
}

/** Where a pod mounts the ConfigMap, and the ConfigMap's one key (the locustfile's name). */
function locustfileMount(deployment: Deployment): { mountPath: string; key: string } {
  const volume = deployment.spec.template.spec.volumes!.find((v) => v.configMap?.name === configMap!.metadata.name)!;
  const mount = containerOf(deployment).volumeMounts!.find((m) => m.name === volume.name)!;
  const keys = Object.keys(configMap!.data);
  expect(keys).toHaveLength(1);
  return { mountPath: mount.mountPath, key: keys[0]! };
}

/** The locustfile path a pod reads. */
function mountedLocustfile(deployment: Deployment): string {
  const { mountPath, key } = locustfileMount(deployment);
  return `${mountPath}/${key}`;
}

describe("deploy/kubernetes", () => {
  test("holds a locustfile ConfigMap, a master and a worker Deployment and the master's Service, all listed by the kustomization", () => {
    expect(manifests.map((object) => object.kind).sort()).toEqual(["ConfigMap", "Deployment", "Deployment", "Kustomization", "Service"]);
    const [kustomization] = ofKind<Kustomization>("Kustomization");
    const others = manifests.filter((object) => object !== kustomization).map((object) => object.file);
    expect([...kustomization!.resources].sort()).toEqual(others.sort());
    expect(worker.spec.replicas).toBeGreaterThan(1);
    expect(master.spec.replicas).toBe(1);
  });

  test("each Deployment selects its own pods, and the Service selects the master's pods only", () => {
    for (const deployment of deployments) {
      expect(isSubset(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    }
    expect(isSubset(service!.spec.selector, master.spec.template.metadata.labels)).toBe(true);
    expect(isSubset(service!.spec.selector, worker.spec.template.metadata.labels)).toBe(false);
  });

  test("the Service exposes the master's 5557 and 8089 through the container's named ports", () => {
    expect(service!.spec.ports.map((port) => port.name).sort()).toEqual(["master", "web"]);
    expect(servicePort("master")).toEqual({ port: 5557, containerPort: 5557 });
    expect(servicePort("web")).toEqual({ port: 8089, containerPort: 8089 });
  });

  test("both pods mount the ConfigMap's locustfile where LOCUST_LOCUSTFILE points, and set only variables locust-bun reads", () => {
    const known = new Set(FLAGS.map((flag) => flag.env));
    for (const deployment of deployments) {
      const env = containerEnv(containerOf(deployment));
      expect(env.LOCUST_LOCUSTFILE).toBe(mountedLocustfile(deployment));
      for (const name of Object.keys(env)) expect(known).toContain(name);
    }
    expect(configMap!.data[locustfileMount(master).key]).toContain('from "locust-bun"');
  });

  test("the master's command line resolves to a master listening where the Service points", () => {
    const options = resolveContainerOptions(containerOf(master));
    expect(options.master).toBe(true);
    expect(options.worker).toBe(false);
    expect(options.masterBindPort).toBe(servicePort("master").containerPort!);
    expect(options.webPort).toBe(servicePort("web").containerPort!);
    expect(options.locustfile).toBe(mountedLocustfile(master));
  });

  test("the workers' command line resolves to workers joining the master through the Service's name and port", () => {
    const options = resolveContainerOptions(containerOf(worker));
    expect(options.worker).toBe(true);
    expect(options.master).toBe(false);
    expect(options.masterHost).toBe(service!.metadata.name);
    expect(options.masterPort).toBe(servicePort("master").port);
    expect(options.locustfile).toBe(mountedLocustfile(worker));
  });

  test("the manifests' commands and env, run as local processes with the ConfigMap's locustfile, run a headless test", async () => {
    const hits = new Map<string, number>();
    await using target = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch(req) {
        const path = new URL(req.url).pathname;
        hits.set(path, (hits.get(path) ?? 0) + 1);
        return new Response("ok");
      },
    });
    await using project = createProject();
    const { mountPath, key } = locustfileMount(master);
    project.write(join(mountPath, key), configMap!.data[key]!);
    // What the cluster provides, provided locally: the mount inside the project, the Service on loopback.
    const local = (container: Container) =>
      Object.fromEntries(
        Object.entries(containerEnv(container)).map(([name, value]) => [
          name,
          value.startsWith(`${mountPath}/`) ? join(project.dir, value) : value === service!.metadata.name ? "127.0.0.1" : value,
        ]),
      );
    const port = String(freePort());
    const csv = join(project.dir, "run");
    // What a person would type in the web UI, given as Locust's variables instead.
    const run = { LOCUST_HEADLESS: "true", LOCUST_USERS: "2", LOCUST_SPAWN_RATE: "2", LOCUST_RUN_TIME: "3s", LOCUST_STOP_TIMEOUT: "5" };
    await using masterProcess = startCli(cliArguments(containerOf(master)), {
      cwd: project.dir,
      env: { ...local(containerOf(master)), ...run, LOCUST_HOST: target.url.href.replace(/\/$/, ""), LOCUST_MASTER_BIND_PORT: port, LOCUST_CSV: csv },
    });
    await using workerProcess = startCli(cliArguments(containerOf(worker)), {
      cwd: project.dir,
      env: { ...local(containerOf(worker)), LOCUST_MASTER_NODE_PORT: port },
    });
    expect(await masterProcess.exited).toBe(0);
    expect(await workerProcess.exited).toBe(0);
    expect(masterProcess.output).toMatch(/reported as ready\. 1 workers connected\./);
    const rows = readFileSync(`${csv}_stats.csv`, "utf8").split("\r\n").slice(1).map((line) => line.split(","));
    const counted = Object.fromEntries(rows.filter((row) => row[0] === "GET").map((row) => [row[1], Number(row[2])]));
    expect(counted).toEqual(Object.fromEntries(hits));
    expect(hits.get("/")).toBeGreaterThan(0);
  }, 30_000);
});
