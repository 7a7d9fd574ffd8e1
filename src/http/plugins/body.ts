/**
 * Request size and body policy for every route:
 * - a request line plus headers above `server.max_header_bytes` is refused with 431 and the error
 *   body (Bun's parser refuses larger ones itself, with a bare 431, above its
 *   `--max-http-header-size`; docs/http-api.md, "Limits");
 * - a `Content-Length` above `server.max_body_bytes` is refused with 413 before anything is read;
 * - a body with a `Content-Length` within the limit is read whole (its length frames it); any
 *   other (chunked) is read as a stream and the read stops (413) as soon as the limit is crossed,
 *   so a chunked upload can never be buffered unbounded;
 * - JSON (`application/json`, `application/*+json`) is the only body type, except on the routes
 *   listed in `formRoutes` (the OAuth-style `POST /v1/token`), which take
 *   `application/x-www-form-urlencoded`; anything else with a body is 415;
 * - invalid UTF-8 or JSON syntax is 400 `MALFORMED_JSON`; an empty body parses as `null` (so a
 *   route with a body schema answers 422);
 * - JSON nested deeper than `MAX_JSON_DEPTH` is 400 `MALFORMED_JSON` before it is parsed: no body
 *   of this API nests more than a few levels, and a 2 MB `[[[[…` otherwise costs seconds of CPU in
 *   schema validation and ends in a stack overflow (500).
 */
import { maxHeaderSize } from "node:http";
import { Elysia } from "elysia";
import { CommonErrors } from "../../lib/errors.ts";
import { jsonTooDeep, MAX_JSON_DEPTH } from "../../lib/json.ts";
import { OAUTH_ROUTES } from "../oauth.ts";
import { errorResponse } from "./errors.ts";
import { requestIdOf } from "./request-id.ts";

export interface BodyPluginOptions {
  maxBodyBytes: number;
  /** Largest request line plus headers (bytes, as UTF-16 code units of the parsed strings). */
  maxHeaderBytes: number;
  /** Route templates that accept form bodies instead of JSON. */
  formRoutes?: readonly string[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function tooLarge(max: number) {
  return CommonErrors.PAYLOAD_TOO_LARGE(`Request body exceeds ${max} bytes`);
}

/** Reads the whole body, failing with 413 as soon as more than `max` bytes arrived. */
export async function readBodyLimited(request: Request, max: number): Promise<Uint8Array> {
  const stream = request.body;
  if (!stream) return new Uint8Array(0);
  // A declared length within the limit (larger ones were refused before routing) and no
  // Transfer-Encoding (which would frame the body instead): the body is framed by the length,
  // so it is read at once, natively, instead of chunk by chunk through a stream
  // reader (which cost more than the rest of a small write's parsing).
  const declared = request.headers.get("content-length");
  if (
    declared !== null &&
    /^\d{1,15}$/.test(declared) &&
    Number(declared) <= max &&
    !request.headers.has("transfer-encoding")
  ) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > max) throw tooLarge(max);
    return bytes;
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, size);
}

/** The size of a request's URL and headers (names, values and the `: ` and CRLF around them). */
export function headerBytes(request: Request): number {
  let n = request.url.length;
  for (const [k, v] of request.headers) n += k.length + v.length + 4;
  return n;
}

/** A form body's fields; a repeated parameter is 400 (RFC 6749 §3.1: at most once each). */
function formFields(text: string): Record<string, string> {
  // No prototype: a `__proto__` field is a field like any other.
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of new URLSearchParams(text)) {
    if (Object.hasOwn(out, k)) {
      throw CommonErrors.INVALID_ARGUMENT("A form parameter is repeated", {
        details: [{ field: k.slice(0, 64), message: "must appear at most once" }],
      });
    }
    out[k] = v;
  }
  return out;
}

/**
 * A refusal before routing (431, 413), closing the connection; the OAuth-style routes answer it
 * with their error body (`error_description`), as they do every other error.
 */
function refuse(request: Request, err: unknown): Response {
  const oauth = request.method === "POST" && OAUTH_ROUTES.has(new URL(request.url).pathname);
  return errorResponse(err, requestIdOf(request), { connection: "close" }, { oauth });
}

const isJson = (ct: string) =>
  ct === "application/json" || (ct.startsWith("application/") && ct.endsWith("+json"));

export const bodyPlugin = (opts: BodyPluginOptions) => {
  const max = opts.maxBodyBytes;
  const formRoutes = new Set(opts.formRoutes ?? []);
  // When Bun's own parser limit is not above ours, it refuses every larger request before this
  // plugin runs: summing the headers of each request would then be wasted work.
  const checkHeaders = maxHeaderSize > opts.maxHeaderBytes;
  return new Elysia({ name: "body" })
    .onRequest(({ request }) => {
      if (checkHeaders && headerBytes(request) > opts.maxHeaderBytes) {
        const err = CommonErrors.HEADERS_TOO_LARGE(
          `Request line and headers exceed ${opts.maxHeaderBytes} bytes`,
        );
        return refuse(request, err);
      }
      const len = request.headers.get("content-length");
      if (len !== null && Number(len) > max) return refuse(request, tooLarge(max));
    })
    .onParse({ as: "global" }, async ({ request, contentType, route }) => {
      const ct = contentType.toLowerCase().trim();
      const form =
        ct.split(";")[0]?.trim() === "application/x-www-form-urlencoded" && formRoutes.has(route);
      const bytes = await readBodyLimited(request, max);
      if (bytes.byteLength === 0) return null;
      if (!form && formRoutes.has(route)) {
        throw CommonErrors.UNSUPPORTED_MEDIA_TYPE(
          "Unsupported content type; expected application/x-www-form-urlencoded",
        );
      }
      if (!form && !isJson(ct)) throw CommonErrors.UNSUPPORTED_MEDIA_TYPE();
      let text: string;
      try {
        text = utf8.decode(bytes);
      } catch {
        throw CommonErrors.MALFORMED_JSON("Request body is not valid UTF-8");
      }
      if (form) return formFields(text);
      if (jsonTooDeep(text, MAX_JSON_DEPTH)) {
        throw CommonErrors.MALFORMED_JSON(`JSON nesting deeper than ${MAX_JSON_DEPTH} levels`);
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw CommonErrors.MALFORMED_JSON();
      }
    });
};
