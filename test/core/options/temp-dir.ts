import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A temporary directory removed by `await using`; `write` creates files (and folders) inside it. */
export interface TempDir extends AsyncDisposable {
  path: string;
  write(relativePath: string, contents: string): Promise<string>;
}

/** Creates an empty temporary directory for one test. */
export async function createTempDir(): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), "locust-bun-options-"));
  return {
    path,
    async write(relativePath, contents) {
      const file = join(path, relativePath);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, contents);
      return file;
    },
    [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }),
  };
}
