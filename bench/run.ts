/**
 * Benchmark dispatcher behind `npm run bench` / `bun run bench [name...]`: runs `bench/<name>.ts`
 * for each name given, or every `bench/*.ts` except this file when none is given, one after the
 * other, each in its own `bun` process so they do not disturb each other's heap and JIT.
 */
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";

const dir = import.meta.dir;
const available = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .map((f) => basename(f, ".ts"))
  .sort();

const requested = process.argv.slice(2);
const unknown = requested.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; available: ${available.join(", ")}`);
  process.exit(2);
}

let failed = 0;
for (const name of requested.length > 0 ? requested : available) {
  console.log(`\n== bench ${name}`);
  const child = Bun.spawn([process.execPath, join(dir, `${name}.ts`)], {
    stdout: "inherit",
    stderr: "inherit",
  });
  const code = await child.exited;
  if (code !== 0) {
    console.error(`bench ${name} exited with status ${code}`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
