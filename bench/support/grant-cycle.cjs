/**
 * Load of grant creations for bench/vaults.ts, run by the real Node.js binary (like the autocannon
 * CLI in bench/support/autocannon.ts): autocannon's programmatic API, where every connection
 * cycles `POST …/vaults/{vault}/team-grants {team_id, role}` then `DELETE …/team-grants/{id}` of
 * the grant it just created, on a (vault, team) pair it holds alone for the cycle (a pool of
 * pairs, at least one per connection), so no POST is a duplicate. Prints autocannon's JSON
 * result, plus `posts` / `posts201` (creations attempted and answered 201) and `statuses`
 * (answers by method and status). A run that ends mid-cycle leaves grants behind: the caller
 * deletes them before the next run (bench/vaults.ts).
 *
 *   node grant-cycle.cjs '{"base":"http://…","token":"…","seconds":5,"connections":32,
 *                          "pairs":[{"org":"…","vault":"…","team":"…"}]}'
 */
const path = require("node:path");
const autocannon = require(path.join(__dirname, "../../node_modules/autocannon/autocannon.js"));

const cfg = JSON.parse(process.argv[2]);
const pool = cfg.pairs.slice();
let posts = 0;
let posts201 = 0;
/** Answers by method and status, e.g. `{POST: {201: n}, DELETE: {204: n}}`. */
const statuses = { POST: {}, DELETE: {} };
const count = (method, status) => {
  statuses[method][status] = (statuses[method][status] ?? 0) + 1;
};
const grants = (p) => `/v1/organizations/${p.org}/vaults/${p.vault}/team-grants`;

autocannon(
  {
    url: cfg.base,
    connections: cfg.connections,
    duration: cfg.seconds,
    headers: { authorization: `Bearer ${cfg.token}` },
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest(req, ctx) {
          const p = pool.pop() ?? cfg.pairs[0];
          ctx.pair = p;
          req.path = grants(p);
          req.body = JSON.stringify({ team_id: p.team, role: "READER" });
          return req;
        },
        onResponse(status, body, ctx) {
          posts++;
          count("POST", status);
          if (status === 201) {
            posts201++;
            ctx.grant = JSON.parse(body).grant.id;
          }
        },
      },
      {
        method: "DELETE",
        setupRequest(req, ctx) {
          req.path = `${grants(ctx.pair)}/${ctx.grant ?? "1"}`;
          return req;
        },
        onResponse(status, _body, ctx) {
          count("DELETE", status);
          if (ctx.pair) pool.push(ctx.pair);
        },
      },
    ],
  },
  (err, result) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    process.stdout.write(JSON.stringify({ ...result, posts, posts201, statuses }));
  },
);
