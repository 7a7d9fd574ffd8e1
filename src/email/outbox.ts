/**
 * The mail outbox (docs/adr/0007-mail-transactional-outbox.md, G6). An action that must send mail writes an outbox entry in
 * the same transaction as the action (`MailOutbox.writes()` returns `Mutation[]`), so the mail
 * exists if and only if the action committed. Delivery happens later, outside any transaction:
 * the `mail-outbox` leader job (src/email/outbox-job.ts) claims due entries with a lease, sends
 * them, and records the outcome.
 *
 * Key layout under `Roots.outbox`:
 *
 *   ("m", mailId)               -> OutboxEntry
 *   ("d", dueAtMs, mailId)      -> empty      due index: pending entries by next attempt time
 *
 * An entry's due index entry always equals `next_attempt_at`; claiming moves it to the lease's end,
 * so an entry claimed by a node that then dies becomes due again when the lease runs out
 * (at-least-once delivery; the stable Message-ID makes duplicates recognisable). A delivered entry
 * is deleted; one that failed `maxAttempts` times stays with `status: "failed"`, no due entry and
 * no body (its tokens are dropped with it).
 */

import type { Sealer } from "../crypto/envelope.ts";
import { defineCodec } from "../kv/codec.ts";
import { Roots } from "../kv/layout.ts";
import type { Mutation, ReadOps } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import type { SnowflakeGenerator } from "../lib/ids.ts";
import type { RenderedMail } from "./templates.ts";

/** A mail to send: rendered content plus its recipient and a kind for logs. */
export interface OutboxMail extends RenderedMail {
  to: string;
  /** "verification", "password_reset", "invitation", ... */
  kind: string;
}

export interface OutboxEntry extends OutboxMail {
  /**
   * The body (`{text, html}` as JSON) sealed with the outbox's `Sealer` (src/crypto/envelope.ts):
   * mails carry one-time tokens, which must not sit in the store in plain text. When present,
   * `text` and `html` are empty. Entries written without a sealer keep their body in the clear.
   */
  sealed_body?: string;
  id: string;
  message_id: string;
  created_at: number;
  /** Delivery attempts made so far. */
  attempts: number;
  /** When the entry is next due (ms); while leased, the lease's end. */
  next_attempt_at: number;
  /** End of the current claim (ms), or null when unclaimed. */
  lease_until: number | null;
  status: "pending" | "failed";
  last_error: string | null;
  /** When the entry was given up (ms; set with `status: "failed"`; absent on older entries). */
  failed_at?: number;
}

export const OutboxCodec = defineCodec<OutboxEntry>({ name: "outbox_mail", version: 1 });

const bigId = (id: string) => BigInt(id);

export const OutboxKeys = {
  mail: Roots.outbox.sub("m"),
  due: Roots.outbox.sub("d"),
} as const;

export async function getOutboxEntry(tx: ReadOps, id: string): Promise<OutboxEntry | undefined> {
  const bytes = await tx.get(OutboxKeys.mail.key(bigId(id)));
  return bytes ? OutboxCodec.decode(bytes) : undefined;
}

/** Writes `entry` and moves its due index from `previousDueAt` (if any) to `next_attempt_at`. */
export function putOutboxWrites(entry: OutboxEntry, previousDueAt?: number): Mutation[] {
  const out: Mutation[] = [];
  if (previousDueAt !== undefined) {
    out.push({ op: "clear", key: OutboxKeys.due.key(previousDueAt, bigId(entry.id)) });
  }
  out.push({
    op: "set",
    key: OutboxKeys.mail.key(bigId(entry.id)),
    value: OutboxCodec.encode(entry),
  });
  if (entry.status === "pending") {
    out.push({
      op: "set",
      key: OutboxKeys.due.key(entry.next_attempt_at, bigId(entry.id)),
      value: new Uint8Array(0),
    });
  }
  return out;
}

/** Removes a delivered entry and its due index. */
export function deleteOutboxWrites(entry: OutboxEntry): Mutation[] {
  return [
    { op: "clear", key: OutboxKeys.mail.key(bigId(entry.id)) },
    { op: "clear", key: OutboxKeys.due.key(entry.next_attempt_at, bigId(entry.id)) },
  ];
}

/**
 * When a failed entry was given up: `failed_at`, or for entries written before that field existed
 * `next_attempt_at` (the end of the lease of its last attempt). Undefined for a pending entry.
 */
export function failedSince(entry: OutboxEntry): number | undefined {
  if (entry.status !== "failed") return undefined;
  return entry.failed_at ?? entry.next_attempt_at;
}

/** The plain body of an entry, opening a sealed one with `sealer` (throws when it cannot). */
export function mailBody(entry: OutboxEntry, sealer?: Sealer): { text: string; html: string } {
  if (entry.sealed_body === undefined) return { text: entry.text, html: entry.html };
  if (!sealer) throw new Error("sealed mail body but no sealer configured");
  const body = JSON.parse(sealer.open(entry.sealed_body)) as { text?: unknown; html?: unknown };
  return { text: String(body.text ?? ""), html: String(body.html ?? "") };
}

/** Ids of pending entries due at or before `nowMs`, oldest due first, at most `limit`. */
export async function listDueMail(tx: ReadOps, nowMs: number, limit: number): Promise<string[]> {
  const [begin] = OutboxKeys.due.range();
  const rows = await tx.getRange(begin, OutboxKeys.due.key(nowMs + 1), { limit });
  return rows.map((r) => String(OutboxKeys.due.unpack(r.key)[1]));
}

/**
 * Creates outbox entries. `writes()` is what an action adds to its transaction; it takes a fresh
 * id from the generator, so a retried transaction body simply makes a new entry id.
 */
export class MailOutbox {
  readonly #ids: SnowflakeGenerator;
  readonly #clock: Clock;
  readonly #messageIdDomain: string;
  readonly #sealer: Sealer | undefined;

  constructor(opts: {
    ids: SnowflakeGenerator;
    clock: Clock;
    messageIdDomain: string;
    /** Seals mail bodies at rest (the delivery side needs the same sealer to open them). */
    sealer?: Sealer;
  }) {
    this.#ids = opts.ids;
    this.#clock = opts.clock;
    this.#messageIdDomain = opts.messageIdDomain;
    this.#sealer = opts.sealer;
  }

  /** The entry for `mail`, due now (its body sealed when the outbox has a sealer). */
  entry(mail: OutboxMail): OutboxEntry {
    const id = this.#ids.next();
    const now = this.#clock.now();
    const body = this.#sealer
      ? {
          text: "",
          html: "",
          sealed_body: this.#sealer.seal(JSON.stringify({ text: mail.text, html: mail.html })),
        }
      : {};
    return {
      ...mail,
      ...body,
      id,
      message_id: `<mail-${id}@${this.#messageIdDomain}>`,
      created_at: now,
      attempts: 0,
      next_attempt_at: now,
      lease_until: null,
      status: "pending",
      last_error: null,
    };
  }

  /** Mutations that enqueue `mail`; add them to the action's transaction. */
  writes(mail: OutboxMail): Mutation[] {
    return putOutboxWrites(this.entry(mail));
  }
}
