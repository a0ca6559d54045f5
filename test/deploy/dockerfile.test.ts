import { describe, expect, test } from "bun:test";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DEPLOY_DIR, execForm, parseDockerfile, repositoryPathOf } from "../support/deploy-files.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

// No Docker engine here: the Dockerfile is checked by reading it against the repository it builds from.
const instructions = parseDockerfile(readFileSync(join(DEPLOY_DIR, "Dockerfile"), "utf8"));
const all = (name: string) => instructions.filter((instruction) => instruction.instruction === name);
const only = (name: string) => {
  const found = all(name);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const runLines = () => all("RUN").flatMap((run) => run.text.split("&&").map((command) => command.trim()));
/** `ln -s TARGET LINK` commands of the RUN lines, as link → target. */
const symlinks = () =>
  new Map(runLines().flatMap((line) => {
    const match = /^ln -s (\S+) (\S+)$/.exec(line);
    return match ? [[match[2]!, match[1]!] as const] : [];
  }));
const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));

describe("deploy/Dockerfile", () => {
  test("builds FROM the official Bun image at a pinned version that meets the package's engines", () => {
    const match = /^oven\/bun:(\d+)\.(\d+)\.(\d+)(-slim)?$/.exec(only("FROM").text);
    expect(match).not.toBeNull();
    const [, major, minor] = match!.map(Number);
    const [, wantMajor, wantMinor] = /^>=(\d+)\.(\d+)/.exec(packageJson.engines.bun)!.map(Number);
    expect(major! * 1000 + minor!).toBeGreaterThanOrEqual(wantMajor! * 1000 + wantMinor!);
  });

  test("installs the production dependencies from the lockfile it copied", () => {
    expect(runLines()).toContain("bun install --production --frozen-lockfile");
    for (const file of ["package.json", "bun.lock"]) {
      expect(repositoryPathOf(instructions, `/opt/locust-bun/${file}`)).toBe(join(REPO_ROOT, file));
    }
  });

  test("its exec-form ENTRYPOINT is locust-bun, linked to the repository's CLI, with `locust` as a second name", () => {
    expect(execForm(only("ENTRYPOINT"))).toEqual(["locust-bun"]);
    expect(all("CMD")).toEqual([]);
    const links = symlinks();
    const cli = links.get("/usr/local/bin/locust-bun");
    expect(links.get("/usr/local/bin/locust")).toBe(cli!);
    const source = repositoryPathOf(instructions, cli!);
    expect(source).toBe(join(REPO_ROOT, packageJson.bin["locust-bun"]));
    expect(readFileSync(source!, "utf8").startsWith("#!/usr/bin/env bun\n")).toBe(true);
    expect(statSync(source!).mode & 0o111).toBe(0o111);
  });

  test("a locustfile anywhere in the image imports the package through /node_modules/locust-bun", () => {
    const root = symlinks().get("/node_modules/locust-bun");
    expect(repositoryPathOf(instructions, `${root}/package.json`)).toBe(join(REPO_ROOT, "package.json"));
    expect(repositoryPathOf(instructions, `${root}/src/index.ts`)).toBe(join(REPO_ROOT, packageJson.exports["."]));
  });

  test("exposes the web UI and master ports as Locust's image does, and runs as a non-root user", () => {
    expect(only("EXPOSE").text.split(" ").sort()).toEqual(["5557", "8089"]);
    expect(["", "root", "0"]).not.toContain(only("USER").text);
  });

  test("its .dockerignore lets in everything the COPY lines need", () => {
    const ignore = readFileSync(join(DEPLOY_DIR, "Dockerfile.dockerignore"), "utf8");
    const allowed = ignore.split("\n").filter((line) => line.startsWith("!")).map((line) => line.slice(1));
    const sources = all("COPY").flatMap((copy) => copy.text.split(" ").slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(allowed).toContain(source);
  });
});
