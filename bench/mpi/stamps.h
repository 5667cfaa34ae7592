// stamps.h: cycle stamps along a ping-pong, for scripts/mpi/turnaround.sh,
// which compiles them into bench/mpi/ringpong.c and into a copy of the Go
// backend's C layer (never into the backend itself). stamp_taken() goes
// where a message has been taken, stamp_send() just before a send;
// stamps_report() prints, on stderr, the medians (and 10th and 90th
// percentiles) of the turnaround (message taken to the reply's send: the
// receiver's own time) and the round trip (a send to the next message
// taken), and how much of the round trips' time went to stalls. Medians
// move little on a loaded machine where means move tenfold.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
static inline unsigned long long stamp_now(void) { return __rdtsc(); }
#define STAMP_UNIT "cycles"
#else
static inline unsigned long long stamp_now(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}
#define STAMP_UNIT "ns"
#endif

#define STAMP_MAX (1 << 20)
static unsigned long long stamp_last_taken, stamp_last_send;
static unsigned *stamp_ta, *stamp_rt;
static int stamp_nta, stamp_nrt;

// stamp_add records t - since in (*v)[*n], if since is set.
static inline void stamp_add(unsigned **v, int *n, unsigned long long t, unsigned long long since) {
	if (*v == NULL) *v = malloc(STAMP_MAX * sizeof **v);
	if (since && *n < STAMP_MAX) (*v)[(*n)++] = (unsigned)(t - since);
}

static inline void stamp_taken(void) {
	unsigned long long t = stamp_now();
	stamp_add(&stamp_rt, &stamp_nrt, t, stamp_last_send);
	stamp_last_send = 0;
	stamp_last_taken = t;
}

static inline void stamp_send(void) {
	unsigned long long t = stamp_now();
	stamp_add(&stamp_ta, &stamp_nta, t, stamp_last_taken);
	stamp_last_taken = 0;
	stamp_last_send = t;
}

static int stamp_cmp(const void *a, const void *b) {
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return x < y ? -1 : x > y;
}

static void stamp_print(const char *who, int rank, const char *what, unsigned *v, int n) {
	if (n < 100) return;
	double sum = 0, stalls = 0;
	qsort(v, n, sizeof *v, stamp_cmp);
	unsigned med = v[n / 2];
	for (int i = 0; i < n; i++) {
		sum += v[i];
		if (v[i] > 4 * med) stalls += v[i] - med;
	}
	fprintf(stderr, "STAMPS %s rank %d %s " STAMP_UNIT ": p10 %u median %u p90 %u mean %.0f stalls %.0f (n=%d)\n",
		who, rank, what, v[n / 10], med, v[n * 9 / 10], sum / n, stalls / n, n);
}

static void stamps_report(const char *who) {
	int rank = 0;
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	if (rank < 2) {
		stamp_print(who, rank, "turnaround", stamp_ta, stamp_nta);
		stamp_print(who, rank, "roundtrip", stamp_rt, stamp_nrt);
	}
	stamp_nta = stamp_nrt = 0;
	stamp_last_taken = stamp_last_send = 0;
}
