/**
 * The runtime's cheap histogram (src/lib/cheap-histogram.ts) must scrape exactly as prom-client's
 * own histogram does for the same observations: the same text exposition and the same JSON.
 */
import { expect, test } from "bun:test";
import { Histogram, Registry } from "prom-client";
import { CheapHistogram } from "../../../src/lib/cheap-histogram.ts";

const BUCKETS = [0.001, 0.01, 0.1, 1];
const OBSERVATIONS: [string, number][] = [
  ["organization", 0.0005],
  ["organization", 0.001],
  ["vault", 0.05],
  ["organization", 0.7],
  ["vault", 3],
  ["organization", 0.0099],
];

function registries() {
  const ours = new Registry();
  const theirs = new Registry();
  const cheap = new CheapHistogram("actor_turn_seconds", "Turn time", ["kind"], BUCKETS).register(
    ours,
  );
  const real = new Histogram({
    name: "actor_turn_seconds",
    help: "Turn time",
    labelNames: ["kind"],
    buckets: BUCKETS,
    registers: [theirs],
  });
  for (const [kind, v] of OBSERVATIONS) {
    cheap.observe({ kind }, v);
    real.observe({ kind }, v);
  }
  return { ours, theirs, cheap };
}

test("the text exposition equals prom-client's histogram", async () => {
  const { ours, theirs } = registries();
  expect(await ours.metrics()).toBe(await theirs.metrics());
});

test("JSON values equal prom-client's (but its null exemplars), and reset empties it", async () => {
  const { ours, theirs, cheap } = registries();
  const json = await theirs.getMetricsAsJSON();
  for (const m of json) for (const v of m.values) delete (v as { exemplar?: unknown }).exemplar;
  expect(await ours.getMetricsAsJSON()).toEqual(json);
  cheap.reset();
  expect((await cheap.get()).values).toEqual([]);
});
