/*
 * A stand-in for the subset of FoundationDB's C API (libfdb_c, API version 720) that
 * src/kv/backends/fdb-c.ts calls. It exists to test OUR marshalling and threading through bun:ffi
 * (argument and struct layouts, out-parameters, futures completed from another thread, callbacks,
 * paging with `more`, error codes, and that every future and transaction is destroyed exactly
 * once). It does NOT model FoundationDB's semantics: there is no conflict detection, no MVCC, no
 * timeouts; each transaction works on a private copy of a tiny sorted in-memory store and replays
 * its mutation log onto the store at commit. Never use it to argue FoundationDB behaves one way.
 *
 * Futures are computed when created, but only become ready on the stub's network thread (the one
 * that calls fdb_run_network, which loops until fdb_stop_network), which then fires their callback.
 * Test hooks (stub_*): force the next commit's error, delay futures, shrink range pages, counters.
 *
 * Built by the tests: cc -shared -fPIC -O1 -pthread -o libfdb_c_stub.so fdb_c_stub.c
 * (-DSTUB_MAX_API_VERSION=710 builds a library that is "too old" for API 720: error 2203).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef STUB_MAX_API_VERSION
#define STUB_MAX_API_VERSION 730
#endif

#define EXPORT __attribute__((visibility("default")))

typedef int fdb_error_t;
typedef int fdb_bool_t;

#pragma pack(push, 4)
typedef struct {
	const uint8_t* key;
	int key_length;
	const uint8_t* value;
	int value_length;
} FDBKeyValue;
#pragma pack(pop)

typedef struct {
	uint8_t* k;
	int kl;
	uint8_t* v;
	int vl;
} Pair;

typedef struct {
	Pair* items;
	int n, cap;
} Store;

enum { OP_SET, OP_CLEAR_RANGE, OP_ADD, OP_VS_KEY, OP_VS_VALUE };

typedef struct {
	int type;
	uint8_t *a, *b;
	int al, bl;
} Op;

typedef struct Future Future;

typedef struct Transaction {
	int destroyed;
	Store view; /* snapshot of the store plus this transaction's own writes */
	Op* ops;
	int nops, capops;
	Future* versionstamp; /* requested, waiting for the commit */
	int committed;
} Transaction;

typedef void (*FDBCallback)(Future* future, void* param);

struct Future {
	int destroyed, ready, queued, cb_fired;
	fdb_error_t error;
	long long due_ns;
	FDBCallback cb;
	void* cb_param;
	/* value / key */
	int present;
	uint8_t* bytes;
	int len;
	/* key-value array */
	FDBKeyValue* kvs;
	int count, more;
	Future* next_all;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static Store store;
static int api_selected, network_setup, network_running, stop_requested;
static int forced_commit_error, forced_setup_error, next_delay_ms, page_size = 3;
static long long commit_version = 1000;
static long long live_futures, live_transactions, live_databases, double_destroys;
static long long callbacks_network_thread, callbacks_inline, conflict_ranges;
static long long last_timeout_ms = -1, last_size_limit = -1;
static Future* all_futures; /* every future ever created (never freed: lets double destroys be seen) */
static pthread_t network_thread;

static long long now_ns(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static uint8_t* dup_bytes(const uint8_t* p, int n) {
	uint8_t* out = malloc(n > 0 ? n : 1);
	if (n > 0) memcpy(out, p, n);
	return out;
}

static int cmp(const uint8_t* a, int al, const uint8_t* b, int bl) {
	int m = al < bl ? al : bl;
	int c = m > 0 ? memcmp(a, b, m) : 0;
	if (c) return c;
	return al - bl;
}

/* Index of the first pair whose key is >= key (or > key when after). */
static int lower(const Store* s, const uint8_t* k, int kl, int after) {
	int lo = 0, hi = s->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		int c = cmp(s->items[mid].k, s->items[mid].kl, k, kl);
		if (c < 0 || (after && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void store_set(Store* s, const uint8_t* k, int kl, const uint8_t* v, int vl) {
	int i = lower(s, k, kl, 0);
	if (i < s->n && cmp(s->items[i].k, s->items[i].kl, k, kl) == 0) {
		free(s->items[i].v);
		s->items[i].v = dup_bytes(v, vl);
		s->items[i].vl = vl;
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->items = realloc(s->items, sizeof(Pair) * s->cap);
	}
	memmove(&s->items[i + 1], &s->items[i], sizeof(Pair) * (s->n - i));
	s->items[i] = (Pair){ dup_bytes(k, kl), kl, dup_bytes(v, vl), vl };
	s->n++;
}

static void store_clear_range(Store* s, const uint8_t* b, int bl, const uint8_t* e, int el) {
	int i = lower(s, b, bl, 0), j = lower(s, e, el, 0);
	if (j <= i) return;
	for (int x = i; x < j; x++) {
		free(s->items[x].k);
		free(s->items[x].v);
	}
	memmove(&s->items[i], &s->items[j], sizeof(Pair) * (s->n - j));
	s->n -= j - i;
}

static const Pair* store_get(const Store* s, const uint8_t* k, int kl) {
	int i = lower(s, k, kl, 0);
	if (i < s->n && cmp(s->items[i].k, s->items[i].kl, k, kl) == 0) return &s->items[i];
	return NULL;
}

static void store_add(Store* s, const uint8_t* k, int kl, const uint8_t* p, int pl) {
	uint8_t out[8] = { 0 };
	const Pair* cur = store_get(s, k, kl);
	uint64_t a = 0, b = 0;
	for (int i = 0; i < 8; i++) {
		if (cur && i < cur->vl) a |= (uint64_t)cur->v[i] << (8 * i);
		if (i < pl) b |= (uint64_t)p[i] << (8 * i);
	}
	uint64_t r = a + b;
	int n = pl < 8 ? pl : 8;
	for (int i = 0; i < n; i++) out[i] = (uint8_t)(r >> (8 * i));
	store_set(s, k, kl, out, n);
}

static void store_clone(Store* dst, const Store* src) {
	dst->n = src->n;
	dst->cap = src->n > 0 ? src->n : 1;
	dst->items = malloc(sizeof(Pair) * dst->cap);
	for (int i = 0; i < src->n; i++) {
		const Pair* p = &src->items[i];
		dst->items[i] = (Pair){ dup_bytes(p->k, p->kl), p->kl, dup_bytes(p->v, p->vl), p->vl };
	}
}

static void store_free(Store* s) {
	for (int i = 0; i < s->n; i++) {
		free(s->items[i].k);
		free(s->items[i].v);
	}
	free(s->items);
	s->items = NULL;
	s->n = s->cap = 0;
}

/* ---- futures (callers hold mu) ---- */

static Future* new_future(void) {
	Future* f = calloc(1, sizeof(Future));
	f->next_all = all_futures;
	all_futures = f;
	live_futures++;
	return f;
}

static void enqueue(Future* f) {
	f->queued = 1;
	f->due_ns = now_ns() + (long long)next_delay_ms * 1000000LL;
	next_delay_ms = 0;
	pthread_cond_broadcast(&cv);
}

static Future* error_future(fdb_error_t code) {
	Future* f = new_future();
	f->error = code;
	enqueue(f);
	return f;
}

/* ---- error codes ---- */

EXPORT const char* fdb_get_error(fdb_error_t code) {
	switch (code) {
	case 0: return "Success";
	case 1007: return "Transaction is too old to perform reads or be committed";
	case 1020: return "Transaction not committed due to conflict with another transaction";
	case 1021: return "Transaction may or may not have committed";
	case 1025: return "Operation aborted because the transaction was cancelled";
	case 1031: return "Operation aborted because the transaction timed out";
	case 2005: return "Range begin key larger than end key";
	case 2008: return "Network not setup";
	case 2009: return "Network can be configured only once";
	case 2015: return "Future not ready";
	case 2021: return "Transaction is read-only and therefore does not have a commit version";
	case 2201: return "API version may be set only once";
	case 2203: return "API version not supported";
	default: return "Unknown error";
	}
}

EXPORT fdb_bool_t fdb_error_predicate(int test, fdb_error_t code) {
	int maybe = code == 1021 || code == 1039;
	int not_committed = code == 1020 || code == 1007 || code == 1009 || code == 1038 || code == 1042 ||
	                    code == 1078 || code == 1051 || code == 1037 || code == 1213 || code == 1223;
	if (test == 50000) return maybe || not_committed;
	if (test == 50001) return maybe;
	if (test == 50002) return not_committed;
	return 0;
}

EXPORT int fdb_get_max_api_version(void) { return STUB_MAX_API_VERSION; }

EXPORT fdb_error_t fdb_select_api_version_impl(int runtime_version, int header_version) {
	(void)header_version;
	if (runtime_version > STUB_MAX_API_VERSION) return 2203;
	pthread_mutex_lock(&mu);
	int already = api_selected;
	api_selected = 1;
	pthread_mutex_unlock(&mu);
	return already ? 2201 : 0;
}

/* ---- network ---- */

EXPORT fdb_error_t fdb_network_set_option(int option, const uint8_t* value, int length) {
	(void)option;
	(void)value;
	(void)length;
	return 0;
}

EXPORT fdb_error_t fdb_setup_network(void) {
	pthread_mutex_lock(&mu);
	fdb_error_t r = 0;
	if (forced_setup_error)
		r = forced_setup_error;
	else if (network_setup)
		r = 2009;
	else
		network_setup = 1;
	pthread_mutex_unlock(&mu);
	return r;
}

EXPORT fdb_error_t fdb_run_network(void) {
	pthread_mutex_lock(&mu);
	if (!network_setup || network_running) {
		pthread_mutex_unlock(&mu);
		return network_setup ? 2009 : 2008;
	}
	network_running = 1;
	network_thread = pthread_self();
	while (!stop_requested) {
		Future* due = NULL;
		long long now = now_ns(), next = now + 50000000LL;
		for (Future* f = all_futures; f; f = f->next_all) {
			if (!f->queued || f->ready) continue;
			if (f->due_ns <= now) {
				due = f;
				break;
			}
			if (f->due_ns < next) next = f->due_ns;
		}
		if (!due) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			long long wait = next - now;
			ts.tv_sec += wait / 1000000000LL;
			ts.tv_nsec += wait % 1000000000LL;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&cv, &mu, &ts);
			continue;
		}
		due->ready = 1;
		if (due->cb && !due->cb_fired && !due->destroyed) {
			FDBCallback cb = due->cb;
			void* param = due->cb_param;
			due->cb_fired = 1;
			callbacks_network_thread++;
			pthread_mutex_unlock(&mu);
			cb(due, param);
			pthread_mutex_lock(&mu);
		}
	}
	network_running = 0;
	pthread_mutex_unlock(&mu);
	return 0;
}

EXPORT fdb_error_t fdb_stop_network(void) {
	pthread_mutex_lock(&mu);
	fdb_error_t r = network_setup ? 0 : 2008;
	stop_requested = 1;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	return r;
}

/* ---- database ---- */

typedef struct {
	int destroyed;
} Database;

EXPORT fdb_error_t fdb_create_database(const char* cluster_file, Database** out) {
	(void)cluster_file;
	pthread_mutex_lock(&mu);
	int ok = network_setup;
	if (ok) live_databases++;
	pthread_mutex_unlock(&mu);
	if (!ok) return 2008;
	*out = calloc(1, sizeof(Database));
	return 0;
}

EXPORT void fdb_database_destroy(Database* d) {
	pthread_mutex_lock(&mu);
	if (d->destroyed)
		double_destroys++;
	else {
		d->destroyed = 1;
		live_databases--;
	}
	pthread_mutex_unlock(&mu);
}

EXPORT fdb_error_t fdb_database_set_option(Database* d, int option, const uint8_t* value, int length) {
	(void)d;
	(void)option;
	(void)value;
	(void)length;
	return 0;
}

EXPORT fdb_error_t fdb_database_create_transaction(Database* d, Transaction** out) {
	(void)d;
	Transaction* t = calloc(1, sizeof(Transaction));
	pthread_mutex_lock(&mu);
	store_clone(&t->view, &store);
	live_transactions++;
	pthread_mutex_unlock(&mu);
	*out = t;
	return 0;
}

/* ---- transactions ---- */

static void settle_versionstamp(Transaction* t, fdb_error_t error, const uint8_t* stamp) {
	Future* f = t->versionstamp;
	if (!f) return;
	t->versionstamp = NULL;
	f->error = error;
	if (!error) {
		f->bytes = dup_bytes(stamp, 10);
		f->len = 10;
	}
	enqueue(f);
}

EXPORT void fdb_transaction_destroy(Transaction* t) {
	pthread_mutex_lock(&mu);
	if (t->destroyed)
		double_destroys++;
	else {
		t->destroyed = 1;
		live_transactions--;
		settle_versionstamp(t, 1025, NULL);
		store_free(&t->view);
	}
	pthread_mutex_unlock(&mu);
}

EXPORT void fdb_transaction_cancel(Transaction* t) {
	pthread_mutex_lock(&mu);
	settle_versionstamp(t, 1025, NULL);
	pthread_mutex_unlock(&mu);
}

static long long int_param(const uint8_t* v, int len) {
	long long out = 0;
	for (int i = 0; i < len && i < 8; i++) out |= (long long)v[i] << (8 * i);
	return out;
}

EXPORT fdb_error_t fdb_transaction_set_option(Transaction* t, int option, const uint8_t* value, int length) {
	(void)t;
	pthread_mutex_lock(&mu);
	if (option == 500) last_timeout_ms = length == 8 ? int_param(value, length) : -2;
	if (option == 503) last_size_limit = length == 8 ? int_param(value, length) : -2;
	pthread_mutex_unlock(&mu);
	return 0;
}

static void log_op(Transaction* t, int type, const uint8_t* a, int al, const uint8_t* b, int bl) {
	if (t->nops == t->capops) {
		t->capops = t->capops ? t->capops * 2 : 8;
		t->ops = realloc(t->ops, sizeof(Op) * t->capops);
	}
	t->ops[t->nops++] = (Op){ type, dup_bytes(a, al), dup_bytes(b, bl), al, bl };
}

EXPORT Future* fdb_transaction_get(Transaction* t, const uint8_t* k, int kl, fdb_bool_t snapshot) {
	(void)snapshot;
	pthread_mutex_lock(&mu);
	Future* f = new_future();
	const Pair* p = store_get(&t->view, k, kl);
	if (p) {
		f->present = 1;
		f->bytes = dup_bytes(p->v, p->vl);
		f->len = p->vl;
	}
	enqueue(f);
	pthread_mutex_unlock(&mu);
	return f;
}

/* Resolves a key selector: the last key < key (<= when or_equal), moved by offset. */
static int resolve(const Store* s, const uint8_t* k, int kl, fdb_bool_t or_equal, int offset) {
	int idx = lower(s, k, kl, or_equal) - 1 + offset;
	if (idx < 0) idx = 0;
	if (idx > s->n) idx = s->n;
	return idx;
}

EXPORT Future* fdb_transaction_get_range(Transaction* t, const uint8_t* bk, int bkl, fdb_bool_t b_or_equal,
                                         int b_offset, const uint8_t* ek, int ekl, fdb_bool_t e_or_equal,
                                         int e_offset, int limit, int target_bytes, int mode, int iteration,
                                         fdb_bool_t snapshot, fdb_bool_t reverse) {
	(void)target_bytes;
	(void)snapshot;
	pthread_mutex_lock(&mu);
	if ((mode == 0 && limit <= 0) || iteration < 1 || limit < 0 || mode < -2 || mode > 4) {
		Future* f = error_future(2210 /* invalid option value-ish: the stub rejects bad marshalling */);
		pthread_mutex_unlock(&mu);
		return f;
	}
	Future* f = new_future();
	int b = resolve(&t->view, bk, bkl, b_or_equal, b_offset);
	int e = resolve(&t->view, ek, ekl, e_or_equal, e_offset);
	int avail = e > b ? e - b : 0;
	int take = avail;
	if (limit > 0 && take > limit) take = limit;
	if (take > page_size) take = page_size;
	f->kvs = calloc(take > 0 ? take : 1, sizeof(FDBKeyValue));
	for (int i = 0; i < take; i++) {
		const Pair* p = &t->view.items[reverse ? e - 1 - i : b + i];
		f->kvs[i] = (FDBKeyValue){ dup_bytes(p->k, p->kl), p->kl, dup_bytes(p->v, p->vl), p->vl };
	}
	f->count = take;
	f->more = take < avail;
	enqueue(f);
	pthread_mutex_unlock(&mu);
	return f;
}

EXPORT void fdb_transaction_set(Transaction* t, const uint8_t* k, int kl, const uint8_t* v, int vl) {
	pthread_mutex_lock(&mu);
	store_set(&t->view, k, kl, v, vl);
	log_op(t, OP_SET, k, kl, v, vl);
	pthread_mutex_unlock(&mu);
}

EXPORT void fdb_transaction_clear(Transaction* t, const uint8_t* k, int kl) {
	uint8_t* end = malloc(kl + 1);
	memcpy(end, k, kl);
	end[kl] = 0;
	pthread_mutex_lock(&mu);
	store_clear_range(&t->view, k, kl, end, kl + 1);
	log_op(t, OP_CLEAR_RANGE, k, kl, end, kl + 1);
	pthread_mutex_unlock(&mu);
	free(end);
}

EXPORT void fdb_transaction_clear_range(Transaction* t, const uint8_t* b, int bl, const uint8_t* e, int el) {
	if (cmp(b, bl, e, el) >= 0) return; /* an empty range writes nothing (commits read-only) */
	pthread_mutex_lock(&mu);
	store_clear_range(&t->view, b, bl, e, el);
	log_op(t, OP_CLEAR_RANGE, b, bl, e, el);
	pthread_mutex_unlock(&mu);
}

EXPORT void fdb_transaction_atomic_op(Transaction* t, const uint8_t* k, int kl, const uint8_t* p, int pl, int op) {
	pthread_mutex_lock(&mu);
	if (op == 2) {
		store_add(&t->view, k, kl, p, pl);
		log_op(t, OP_ADD, k, kl, p, pl);
	} else if (op == 14) {
		log_op(t, OP_VS_KEY, k, kl, p, pl); /* unreadable until committed, as in FoundationDB */
	} else if (op == 15) {
		log_op(t, OP_VS_VALUE, k, kl, p, pl);
	}
	pthread_mutex_unlock(&mu);
}

EXPORT fdb_error_t fdb_transaction_add_conflict_range(Transaction* t, const uint8_t* b, int bl, const uint8_t* e,
                                                      int el, int type) {
	(void)t;
	if (type != 0 && type != 1) return 2006;
	if (cmp(b, bl, e, el) > 0) return 2005;
	pthread_mutex_lock(&mu);
	conflict_ranges++;
	pthread_mutex_unlock(&mu);
	return 0;
}

/* Replaces the 10 bytes at the little-endian offset in the 4-byte suffix; drops the suffix. */
static int stamped(const uint8_t* in, int len, const uint8_t* stamp, uint8_t** out) {
	if (len < 4) return -1;
	int n = len - 4;
	uint32_t pos = (uint32_t)in[n] | (uint32_t)in[n + 1] << 8 | (uint32_t)in[n + 2] << 16 | (uint32_t)in[n + 3] << 24;
	if (pos + 10 > (uint32_t)n) return -1;
	*out = dup_bytes(in, n);
	memcpy(*out + pos, stamp, 10);
	return n;
}

EXPORT Future* fdb_transaction_get_versionstamp(Transaction* t) {
	pthread_mutex_lock(&mu);
	Future* f = new_future();
	if (t->versionstamp || t->committed) {
		f->error = 2000;
		enqueue(f);
	} else
		t->versionstamp = f;
	pthread_mutex_unlock(&mu);
	return f;
}

EXPORT Future* fdb_transaction_commit(Transaction* t) {
	pthread_mutex_lock(&mu);
	Future* f = new_future();
	t->committed = 1;
	if (forced_commit_error) {
		f->error = forced_commit_error;
		forced_commit_error = 0;
		enqueue(f);
		settle_versionstamp(t, f->error, NULL);
		pthread_mutex_unlock(&mu);
		return f;
	}
	if (t->nops == 0) {
		enqueue(f);
		settle_versionstamp(t, 2021, NULL);
		pthread_mutex_unlock(&mu);
		return f;
	}
	uint8_t stamp[10] = { 0 };
	long long v = ++commit_version;
	for (int i = 0; i < 8; i++) stamp[i] = (uint8_t)(v >> (56 - 8 * i));
	for (int i = 0; i < t->nops; i++) {
		Op* op = &t->ops[i];
		uint8_t* s = NULL;
		int n;
		switch (op->type) {
		case OP_SET: store_set(&store, op->a, op->al, op->b, op->bl); break;
		case OP_CLEAR_RANGE: store_clear_range(&store, op->a, op->al, op->b, op->bl); break;
		case OP_ADD: store_add(&store, op->a, op->al, op->b, op->bl); break;
		case OP_VS_KEY:
			if ((n = stamped(op->a, op->al, stamp, &s)) >= 0) store_set(&store, s, n, op->b, op->bl);
			free(s);
			break;
		case OP_VS_VALUE:
			if ((n = stamped(op->b, op->bl, stamp, &s)) >= 0) store_set(&store, op->a, op->al, s, n);
			free(s);
			break;
		}
	}
	enqueue(f);
	settle_versionstamp(t, 0, stamp);
	pthread_mutex_unlock(&mu);
	return f;
}

EXPORT Future* fdb_transaction_on_error(Transaction* t, fdb_error_t code) {
	pthread_mutex_lock(&mu);
	Future* f = new_future();
	if (fdb_error_predicate(50000, code)) {
		store_free(&t->view);
		store_clone(&t->view, &store);
		t->nops = 0;
		t->committed = 0;
	} else
		f->error = code;
	enqueue(f);
	pthread_mutex_unlock(&mu);
	return f;
}

/* ---- futures ---- */

EXPORT void fdb_future_cancel(Future* f) {
	pthread_mutex_lock(&mu);
	if (!f->ready && !f->queued) {
		f->error = 1101;
		enqueue(f);
	}
	pthread_mutex_unlock(&mu);
}

EXPORT void fdb_future_destroy(Future* f) {
	pthread_mutex_lock(&mu);
	if (f->destroyed)
		double_destroys++;
	else {
		f->destroyed = 1;
		live_futures--;
		/* the payload goes; the header stays so a second destroy is counted, not a crash */
		free(f->bytes);
		f->bytes = NULL;
		for (int i = 0; i < f->count; i++) {
			free((void*)f->kvs[i].key);
			free((void*)f->kvs[i].value);
		}
		free(f->kvs);
		f->kvs = NULL;
		f->count = 0;
	}
	pthread_mutex_unlock(&mu);
}

EXPORT fdb_bool_t fdb_future_is_ready(Future* f) {
	pthread_mutex_lock(&mu);
	int r = f->ready;
	pthread_mutex_unlock(&mu);
	return r;
}

EXPORT fdb_error_t fdb_future_set_callback(Future* f, FDBCallback cb, void* param) {
	pthread_mutex_lock(&mu);
	if (f->cb) {
		pthread_mutex_unlock(&mu);
		return 2000;
	}
	f->cb = cb;
	f->cb_param = param;
	if (f->ready) {
		/* Like FoundationDB: an already-ready future calls back at once, on the caller's thread. */
		f->cb_fired = 1;
		callbacks_inline++;
		pthread_mutex_unlock(&mu);
		cb(f, param);
		return 0;
	}
	pthread_mutex_unlock(&mu);
	return 0;
}

static fdb_error_t check_ready(Future* f) {
	if (f->destroyed) return 2000;
	if (!f->ready) return 2015;
	return f->error;
}

EXPORT fdb_error_t fdb_future_get_error(Future* f) {
	pthread_mutex_lock(&mu);
	fdb_error_t r = check_ready(f);
	pthread_mutex_unlock(&mu);
	return r;
}

EXPORT fdb_error_t fdb_future_get_value(Future* f, fdb_bool_t* present, const uint8_t** value, int* len) {
	pthread_mutex_lock(&mu);
	fdb_error_t r = check_ready(f);
	if (!r) {
		*present = f->present;
		*value = f->bytes;
		*len = f->len;
	}
	pthread_mutex_unlock(&mu);
	return r;
}

EXPORT fdb_error_t fdb_future_get_key(Future* f, const uint8_t** key, int* len) {
	pthread_mutex_lock(&mu);
	fdb_error_t r = check_ready(f);
	if (!r) {
		*key = f->bytes;
		*len = f->len;
	}
	pthread_mutex_unlock(&mu);
	return r;
}

EXPORT fdb_error_t fdb_future_get_keyvalue_array(Future* f, const FDBKeyValue** kvs, int* count, fdb_bool_t* more) {
	pthread_mutex_lock(&mu);
	fdb_error_t r = check_ready(f);
	if (!r) {
		*kvs = f->kvs;
		*count = f->count;
		*more = f->more;
	}
	pthread_mutex_unlock(&mu);
	return r;
}

/* ---- test hooks ---- */

EXPORT void stub_force_next_commit_error(int code) {
	pthread_mutex_lock(&mu);
	forced_commit_error = code;
	pthread_mutex_unlock(&mu);
}
EXPORT void stub_force_setup_network_error(int code) {
	pthread_mutex_lock(&mu);
	forced_setup_error = code;
	pthread_mutex_unlock(&mu);
}
/* The next future created becomes ready only after `ms` milliseconds. */
EXPORT void stub_delay_next_future(int ms) {
	pthread_mutex_lock(&mu);
	next_delay_ms = ms;
	pthread_mutex_unlock(&mu);
}
EXPORT void stub_set_page_size(int n) {
	pthread_mutex_lock(&mu);
	page_size = n > 0 ? n : 1;
	pthread_mutex_unlock(&mu);
}
static long long read_counter(long long* c) {
	pthread_mutex_lock(&mu);
	long long v = *c;
	pthread_mutex_unlock(&mu);
	return v;
}
EXPORT long long stub_live_futures(void) { return read_counter(&live_futures); }
EXPORT long long stub_live_transactions(void) { return read_counter(&live_transactions); }
EXPORT long long stub_live_databases(void) { return read_counter(&live_databases); }
EXPORT long long stub_double_destroys(void) { return read_counter(&double_destroys); }
EXPORT long long stub_callbacks_network_thread(void) { return read_counter(&callbacks_network_thread); }
EXPORT long long stub_callbacks_inline(void) { return read_counter(&callbacks_inline); }
EXPORT long long stub_conflict_ranges(void) { return read_counter(&conflict_ranges); }
EXPORT long long stub_last_timeout_ms(void) { return read_counter(&last_timeout_ms); }
EXPORT long long stub_last_size_limit(void) { return read_counter(&last_size_limit); }
EXPORT int stub_network_running(void) {
	pthread_mutex_lock(&mu);
	int r = network_running;
	pthread_mutex_unlock(&mu);
	return r;
}
