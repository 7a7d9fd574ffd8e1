/**
 * Writes the OpenAPI document generated from the HTTP routes to docs/openapi.json.
 *
 *   bun scripts/openapi.ts           regenerate docs/openapi.json
 *   bun scripts/openapi.ts --check   exit 1 when the committed file differs from the routes (CI)
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { generateOpenApi, serializeOpenApi } from "../src/http/openapi/generate.ts";
import { createSpecApp } from "../src/http/openapi/spec-app.ts";

export const OPENAPI_FILE = resolve(import.meta.dir, "../docs/openapi.json");

/** The document as it should be committed. */
export async function expectedOpenApi(): Promise<string> {
  return serializeOpenApi(await generateOpenApi(createSpecApp().routes));
}

if (import.meta.main) {
  const check = process.argv.includes("--check");
  const text = await expectedOpenApi();
  const file = relative(process.cwd(), OPENAPI_FILE);
  if (check) {
    const committed = existsSync(OPENAPI_FILE) ? readFileSync(OPENAPI_FILE, "utf8") : "";
    if (committed !== text) {
      console.error(
        `${file} is out of date with the HTTP routes (src/http/routes, src/http/openapi/responses.ts).\n` +
          "Run `npm run openapi` and commit the result.",
      );
      process.exit(1);
    }
    console.log(`${file} is up to date`);
  } else {
    writeFileSync(OPENAPI_FILE, text);
    console.log(`wrote ${file}`);
  }
}
