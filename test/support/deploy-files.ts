/**
 * Reads the deployment files under deploy/: the Dockerfile as a list of instructions, the Kubernetes manifests as
 * parsed documents, and the command line a container runs (the image's ENTRYPOINT/CMD unless the manifest
 * overrides them, as Kubernetes does).
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { REPO_ROOT } from "./run-cli.ts";

export const DEPLOY_DIR = join(REPO_ROOT, "deploy");
export const KUBERNETES_DIR = join(DEPLOY_DIR, "kubernetes");

/** One Dockerfile instruction: `RUN a b` is `{ instruction: "RUN", text: "a b" }`. */
export interface DockerInstruction {
  instruction: string;
  text: string;
}

/** The instructions of a Dockerfile, with comments dropped and `\` continuations joined. */
export function parseDockerfile(source: string): DockerInstruction[] {
  const logical = source
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .join("\n")
    .replace(/\\\n/g, " ");
  return logical
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [, instruction = "", text = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
      return { instruction: instruction.toUpperCase(), text: text.replace(/\s+/g, " ") };
    });
}

/** The argument list of an exec-form (JSON array) instruction; throws for the shell form. */
export function execForm(instruction: DockerInstruction): string[] {
  const parsed: unknown = JSON.parse(instruction.text);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === "string")) {
    throw new Error(`${instruction.instruction} is not in exec form: ${instruction.text}`);
  }
  return parsed;
}

/** A parsed Kubernetes object; the interfaces below type the fields the tests read. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: { name: string; labels?: Record<string, string> };
  /** The file it came from, relative to deploy/kubernetes. */
  file: string;
}

type Labels = Record<string, string>;

export interface Deployment extends KubeObject {
  metadata: { name: string; labels?: Labels };
  spec: {
    replicas?: number;
    selector: { matchLabels: Labels };
    template: {
      metadata: { labels: Labels };
      spec: { containers: Container[]; volumes?: { name: string; configMap?: { name: string } }[] };
    };
  };
}

export interface Service extends KubeObject {
  metadata: { name: string; labels?: Labels };
  spec: { selector: Labels; ports: { name?: string; port: number; targetPort?: number | string }[] };
}

export interface ConfigMap extends KubeObject {
  metadata: { name: string; labels?: Labels };
  data: Record<string, string>;
}

export interface Kustomization extends KubeObject {
  resources: string[];
}

/** Every document of every .yaml file in deploy/kubernetes. */
export function readManifests(): KubeObject[] {
  const files = readdirSync(KUBERNETES_DIR).filter((name) => name.endsWith(".yaml")).sort();
  return files.flatMap((file) => {
    const parsed: unknown = Bun.YAML.parse(readFileSync(join(KUBERNETES_DIR, file), "utf8"));
    const documents = Array.isArray(parsed) ? parsed : [parsed];
    return documents.filter(Boolean).map((document) => ({ ...(document as KubeObject), file }));
  });
}

/** A container of a pod template. */
export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  ports?: { name?: string; containerPort: number }[];
  volumeMounts?: { name: string; mountPath: string }[];
}

/** What the container runs: `command` replaces ENTRYPOINT, `args` replaces CMD (and a `command` drops CMD). */
export function containerCommand(container: Container, entrypoint: string[], cmd: string[]): string[] {
  const program = container.command ?? entrypoint;
  const args = container.args ?? (container.command ? [] : cmd);
  return [...program, ...args];
}

/** The container's env as a plain object (only literal `value`s; `valueFrom` needs a cluster). */
export function containerEnv(container: Container): Record<string, string> {
  return Object.fromEntries((container.env ?? []).map((entry) => [entry.name, String(entry.value ?? "")]));
}

/**
 * Maps a path inside the image back to the repository file a COPY put there, following WORKDIR as Docker does;
 * undefined for a path no COPY wrote.
 */
export function repositoryPathOf(instructions: DockerInstruction[], imagePath: string): string | undefined {
  const copies: { imagePath: string; source: string }[] = [];
  let workdir = "/";
  for (const { instruction, text } of instructions) {
    if (instruction === "WORKDIR") workdir = posix.resolve(workdir, text);
    if (instruction !== "COPY") continue;
    const parts = text.split(" ").filter((part) => !part.startsWith("--"));
    const destination = parts.pop()!;
    const intoDirectory = parts.length > 1 || destination.endsWith("/");
    for (const source of parts) {
      const target = posix.resolve(workdir, destination);
      copies.push({ imagePath: intoDirectory ? posix.join(target, posix.basename(source)) : target, source });
    }
  }
  for (const copy of copies) {
    if (imagePath === copy.imagePath || imagePath.startsWith(`${copy.imagePath}/`)) {
      return join(REPO_ROOT, copy.source, imagePath.slice(copy.imagePath.length));
    }
  }
  return undefined;
}
