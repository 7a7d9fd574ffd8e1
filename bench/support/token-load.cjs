/**
 * Load of the token routes for bench/tokens.ts, run by the real Node.js binary (like
 * bench/support/grant-cycle.cjs): autocannon's programmatic API, one request kind per run.
 *
 * - `issue`: `POST /v1/organizations/{org}/vaults/{vault}/tokens {}` with a session, the vaults
 *   taken in turn (`cfg.paths`).
 * - `exchange`: form-encoded `POST /v1/token`, every request with an assertion of its own, taken
 *   from the JSON array in `cfg.assertionsFile` (pre-generated, each with its own jti), the vaults
 *   in turn (`cfg.vaults`). `exhausted` counts requests sent after the pool ran out (a replay).
 * - `refresh`: `POST /v1/tokens/refresh` on independent chains, one per token of
 *   `cfg.refreshTokens` (more chains than connections): a request takes a chain not in flight and
 *   gives it back with the refresh token the answer returned; a failed rotation ends its chain.
 *
 * Prints autocannon's JSON result plus `statuses` (answers by status) and `exhausted`.
 *
 *   node token-load.cjs '{"base":"http://…","mode":"refresh","connections":32,"seconds":5,…}'
 */
const fs = require("node:fs");
const path = require("node:path");
const autocannon = require(path.join(__dirname, "../../node_modules/autocannon/autocannon.js"));

const cfg = JSON.parse(process.argv[2]);
const statuses = {};
let exhausted = 0;
const count = (status) => {
  statuses[status] = (statuses[status] ?? 0) + 1;
};
let turn = 0;

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

function request() {
  if (cfg.mode === "issue") {
    return {
      method: "POST",
      headers: { authorization: `Bearer ${cfg.token}`, "content-type": "application/json" },
      setupRequest(req) {
        req.path = cfg.paths[turn++ % cfg.paths.length];
        req.body = "{}";
        return req;
      },
      onResponse: count,
    };
  }
  if (cfg.mode === "exchange") {
    const pool = JSON.parse(fs.readFileSync(cfg.assertionsFile, "utf8"));
    let next = 0;
    return {
      method: "POST",
      path: "/v1/token",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      setupRequest(req) {
        if (next >= pool.length) exhausted++;
        const assertion = pool[Math.min(next++, pool.length - 1)];
        req.body = new URLSearchParams({
          grant_type: "client_credentials",
          client_assertion_type: ASSERTION_TYPE,
          client_assertion: assertion,
          vault_id: cfg.vaults[turn++ % cfg.vaults.length],
        }).toString();
        return req;
      },
      onResponse: count,
    };
  }
  if (cfg.mode === "refresh") {
    // Chains not in flight. autocannon resets a connection's context once its request sequence
    // ends, so a request takes a chain here and gives it back with the rotated token.
    const free = cfg.refreshTokens.map((token) => ({ token }));
    return {
      method: "POST",
      path: "/v1/tokens/refresh",
      headers: { "content-type": "application/json" },
      setupRequest(req, ctx) {
        ctx.chain = free.pop();
        if (!ctx.chain) exhausted++;
        req.body = JSON.stringify({ refresh_token: ctx.chain?.token ?? "none" });
        return req;
      },
      onResponse(status, body, ctx) {
        count(status);
        // A failed rotation ends its chain (the token may be spent).
        if (ctx.chain && status === 200) {
          ctx.chain.token = JSON.parse(body).refresh_token;
          free.push(ctx.chain);
        }
      },
    };
  }
  throw new Error(`unknown mode ${cfg.mode}`);
}

autocannon(
  {
    url: cfg.base,
    connections: cfg.connections,
    duration: cfg.seconds,
    requests: [request()],
  },
  (err, result) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    process.stdout.write(JSON.stringify({ ...result, statuses, exhausted }));
  },
);
