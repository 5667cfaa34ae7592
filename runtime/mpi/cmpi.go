//go:build mpi

package mpi

// The cgo layer over the MPI C API: a few functions of our own, so that
// MPI handles never cross into Go (only ints and byte buffers do) and one
// cgo call does a whole poll of the event loop. Every function here must
// be called from the goroutine that runs the loop, locked to its thread.
//
// MPI errors are left to MPI's default handler (MPI_ERRORS_ARE_FATAL): a
// transport failure aborts the whole job with OpenMPI's own message, which
// is the only safe outcome when a collective can no longer complete.

/*
#cgo pkg-config: ompi-c
#include <mpi.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sched.h>
#include <stdbool.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

enum {
	DSAC_TAG = 7,       // the tag of algorithm messages (and of big-frame markers)
	DSAC_BIG = 8,       // the tag of frames longer than DSAC_SMALL
	DSAC_GATHER = 9,    // the tag of each rank's part, sent to rank 0 at the end
	DSAC_SLOTS = 1024,  // sends in flight at most
	DSAC_RING = 64,     // receives kept posted
	DSAC_SMALL = 1024,  // the size of their buffers: the longest small frame
	DSAC_NV = 6         // length of a termination wave, see termination.go
};

// dsac_ctl carries a poll's scalar inputs and outputs; Go reads and writes
// it in place (it is C memory, so it may hold anything).
typedef struct {
	int join;                    // in: join the next wave with wave_in
	long long wave_in[DSAC_NV];
	long long spin_ns;           // in: wait up to this long for a message
	int posted;                  // out: sends posted from the batch
	int received;                // out: messages received
	int need;                    // out: size of a message too big for the buffer
	int wave_done;               // out: the wave completed, sums in wave_out
	long long wave_out[DSAC_NV];
} dsac_ctl;

static dsac_ctl dsac_c;
static unsigned dsac_polls;
static MPI_Comm dsac_comm = MPI_COMM_NULL;

// Sends in flight are kept compact in [0, dsac_inflight); each slot owns
// a malloc'd buffer that is reused, and moves with its request when the
// array is compacted.
static MPI_Request dsac_reqs[DSAC_SLOTS];
static char *dsac_bufs[DSAC_SLOTS];
static int dsac_caps[DSAC_SLOTS];
static int dsac_done[DSAC_SLOTS];
static int dsac_inflight;

// Receives: DSAC_RING persistent receives from any source, each into its
// own DSAC_SMALL bytes of dsac_rbuf, always posted, and taken in the
// order they were posted (a ring from dsac_rhead). MPI matches an arriving
// message with the earliest posted receive that fits, and messages from
// one source arrive in the order they were sent, so taking the ring in
// order keeps every sender's order even if a later slot completes first.
// A frame longer than DSAC_SMALL travels as an empty message on the ring's
// tag (a marker: every real frame has at least a step header) followed by
// the frame itself on DSAC_BIG; on taking the marker the receiver probes
// and receives the next DSAC_BIG message from its source, which, by the
// same order, is that frame.
//
// A slot taken is not posted again at once but on the next poll, after
// that poll's sends (the replies to what it held) are posted, and in bulk
// (MPI_Startall): slots are taken and reposted in ring order, so the
// posted ones are always the ring from dsac_rhead, in posting order.
// Slots [dsac_rtail, dsac_rtail+dsac_nrepost) wait to be reposted.
static MPI_Request dsac_rreq[DSAC_RING];
static char *dsac_rbuf;
static int dsac_rhead, dsac_rtail, dsac_nrepost;
static int dsac_rdone[DSAC_RING], dsac_rsrc[DSAC_RING], dsac_rcount[DSAC_RING];

static MPI_Request dsac_wave = MPI_REQUEST_NULL;
static long long dsac_wsend[DSAC_NV], dsac_wrecv[DSAC_NV];

static dsac_ctl *dsac_control(void) { return &dsac_c; }

// Yielding. When mpirun oversubscribes the cores, OpenMPI's progress
// engine gives the CPU away (sched_yield) on every call that progresses
// nothing: also on the MPI_Test that ends every batch the ring holds,
// though the rank has a batch to handle. In all-to-all on 4 ranks over 2
// cores that was one yield, and a context switch, per message. So a poll
// turns OpenMPI's yielding off (a global of OpenMPI 4.1's libopen-pal,
// referenced weakly: without it nothing changes) and yields itself only
// where it waits for a message; every other MPI call (collectives, the
// big-frame probe, RMA) runs with OpenMPI's setting.
extern bool opal_progress_yield_when_idle __attribute__((weak));
static int dsac_yield; // 1 if OpenMPI yields when idle (as mpirun set it)

static void dsac_own_yield(void) {
	if (&opal_progress_yield_when_idle != NULL && opal_progress_yield_when_idle) {
		dsac_yield = 1;
		opal_progress_yield_when_idle = false;
	}
}

static void dsac_mpi_yield(void) {
	if (dsac_yield) opal_progress_yield_when_idle = true;
}

// dsac_init initialises MPI with the given thread level (0: single,
// 1: funneled, 2: serialized) and returns 0, or -1 if MPI was initialised
// already, -2 if it was finalised, -3 if the level is not provided.
static int dsac_init(int level) {
	int flag = 0, provided = 0;
	int want = level == 2 ? MPI_THREAD_SERIALIZED : level == 1 ? MPI_THREAD_FUNNELED : MPI_THREAD_SINGLE;
	MPI_Initialized(&flag);
	if (flag) return -1;
	MPI_Finalized(&flag);
	if (flag) return -2;
	MPI_Init_thread(NULL, NULL, want, &provided);
	return provided < want ? -3 : 0;
}

static void dsac_world(int *rank, int *size) {
	MPI_Comm_rank(MPI_COMM_WORLD, rank);
	MPI_Comm_size(MPI_COMM_WORLD, size);
}

static void dsac_ring_free(void);

static void dsac_finalize(void) {
	dsac_ring_free();
	MPI_Finalize();
}

// dsac_begin gives the runs a communicator of their own and a receive
// ring, both made by the first run and kept for every later one (a dup
// and a free, or posting and cancelling 64 receives, cost more than a
// whole Paxos instance), and starts every rank's clock together. Nothing
// of one run can match in the next: when a rank leaves dsac_end every
// message of its run has been taken (the last wave said so, and rank 0
// has received the gather's), and no rank sends in the next run before
// every rank has reached the barrier.
static long dsac_slack = -1;

static void dsac_begin(void) {
#ifdef PR_SET_TIMERSLACK
	// Linux rounds a sleep up by the thread's timer slack (50µs by default),
	// which would make the loop's shortest nap 60µs instead of 10µs.
	dsac_slack = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
	prctl(PR_SET_TIMERSLACK, 1000, 0, 0, 0);
#endif
	if (dsac_comm == MPI_COMM_NULL) MPI_Comm_dup(MPI_COMM_WORLD, &dsac_comm);
	memset(&dsac_c, 0, sizeof dsac_c);
	dsac_inflight = 0;
	if (dsac_rbuf == NULL) {
		dsac_rbuf = malloc((size_t)DSAC_RING * DSAC_SMALL);
		for (int i = 0; i < DSAC_RING; i++) {
			MPI_Recv_init(dsac_rbuf + (size_t)i * DSAC_SMALL, DSAC_SMALL, MPI_BYTE, MPI_ANY_SOURCE,
				DSAC_TAG, dsac_comm, &dsac_rreq[i]);
			dsac_rdone[i] = 0;
		}
		MPI_Startall(DSAC_RING, dsac_rreq);
		dsac_rhead = dsac_rtail = dsac_nrepost = 0;
	}
	MPI_Barrier(dsac_comm);
}

// dsac_repost posts again, in ring order, the slots taken since the last
// call.
static void dsac_repost(void) {
	while (dsac_nrepost > 0) {
		int k = DSAC_RING - dsac_rtail;
		if (k > dsac_nrepost) k = dsac_nrepost;
		MPI_Startall(k, &dsac_rreq[dsac_rtail]);
		dsac_rtail = dsac_rtail + k == DSAC_RING ? 0 : dsac_rtail + k;
		dsac_nrepost -= k;
	}
}

// dsac_end completes the sends still in flight (all have been received:
// the last wave said so) and frees their buffers. The communicator and
// the ring stay, every slot posted again, for the next run: every frame
// of this run has been taken off the ring (the last wave said so, or
// quiescence), and the next run's come after dsac_begin's barrier, which
// no rank reaches before it has left this run's loop.
static void dsac_end(void) {
	dsac_repost();
	if (dsac_inflight > 0) MPI_Waitall(dsac_inflight, dsac_reqs, MPI_STATUSES_IGNORE);
	dsac_inflight = 0;
	if (dsac_wave != MPI_REQUEST_NULL) MPI_Wait(&dsac_wave, MPI_STATUS_IGNORE);
	for (int i = 0; i < DSAC_SLOTS; i++) {
		free(dsac_bufs[i]);
		dsac_bufs[i] = NULL;
		dsac_caps[i] = 0;
	}
#ifdef PR_SET_TIMERSLACK
	if (dsac_slack > 0) prctl(PR_SET_TIMERSLACK, dsac_slack, 0, 0, 0);
#endif
}

// dsac_ring_free cancels and frees the ring's receives, before
// MPI_Finalize; no message is in flight once the last run has ended.
static void dsac_ring_free(void) {
	if (dsac_rbuf == NULL) return;
	for (int i = 0; i < DSAC_RING; i++) {
		if (!dsac_rdone[i]) {
			MPI_Cancel(&dsac_rreq[i]);
			MPI_Wait(&dsac_rreq[i], MPI_STATUS_IGNORE);
		}
		MPI_Request_free(&dsac_rreq[i]);
	}
	free(dsac_rbuf);
	dsac_rbuf = NULL;
}

// dsac_reap retires completed sends and compacts the in-flight array.
static void dsac_reap(void) {
	int done = 0;
	if (dsac_inflight == 0) return;
	MPI_Testsome(dsac_inflight, dsac_reqs, &done, dsac_done, MPI_STATUSES_IGNORE);
	if (done <= 0) return; // 0, or MPI_UNDEFINED
	int w = 0;
	for (int r = 0; r < dsac_inflight; r++) {
		if (dsac_reqs[r] == MPI_REQUEST_NULL) continue;
		if (w != r) { // slot w is free: move r's request and buffer there
			char *b = dsac_bufs[w];
			int c = dsac_caps[w];
			dsac_reqs[w] = dsac_reqs[r];
			dsac_bufs[w] = dsac_bufs[r];
			dsac_caps[w] = dsac_caps[r];
			dsac_reqs[r] = MPI_REQUEST_NULL;
			dsac_bufs[r] = b;
			dsac_caps[r] = c;
		}
		w++;
	}
	dsac_inflight = w;
}

// dsac_post copies frames out of Go memory into slot buffers and posts
// them; meta holds (offset, length, destination) per send. It returns how
// many were posted: fewer than n when every slot is in flight. A big
// frame takes two slots: its marker, then itself.
static int dsac_post(const char *out, const int *meta, int n) {
	int p = 0;
	for (; p < n; p++) {
		int off = meta[3*p], len = meta[3*p+1], dest = meta[3*p+2];
		int big = len > DSAC_SMALL;
		if (dsac_inflight + big >= DSAC_SLOTS) {
			dsac_reap();
			if (dsac_inflight + big >= DSAC_SLOTS) break;
		}
		if (!big && n == 1 && dsac_inflight == 0) {
			// A lone small frame with nothing in flight (a reply, in a
			// ping-pong): a blocking send, which needs no request to reap.
			// It cannot wait on the receiver: a small frame is far below
			// every transport's eager limit, so MPI_Send returns once the
			// frame is copied out, progressing MPI (our own receives
			// included) while the transport has no room.
			MPI_Send(out + off, len, MPI_BYTE, dest, DSAC_TAG, dsac_comm);
			continue;
		}
		int s = dsac_inflight;
		if (big) {
			MPI_Isend(out, 0, MPI_BYTE, dest, DSAC_TAG, dsac_comm, &dsac_reqs[s]);
			s = ++dsac_inflight;
		}
		if (dsac_caps[s] < len) {
			int c = len < 256 ? 256 : len;
			char *b = realloc(dsac_bufs[s], c);
			if (b == NULL) break;
			dsac_bufs[s] = b;
			dsac_caps[s] = c;
		}
		memcpy(dsac_bufs[s], out + off, len);
		MPI_Isend(dsac_bufs[s], len, MPI_BYTE, dest, big ? DSAC_BIG : DSAC_TAG, dsac_comm, &dsac_reqs[s]);
		dsac_inflight++;
	}
	return p;
}

// Finding completed slots. Every MPI test function runs MPI's progress
// engine when it finds nothing complete, and a pass through it costs about
// as much as taking a message, so how often to test is a choice:
//
// When the rank has a core of its own (a ping-pong), latency counts:
// dsac_scan tests the posted slots from dsac_rhead up to the end of the
// array (at most DSAC_SCAN) with one MPI_Testsome, which progresses MPI
// only when it finds nothing, so taking a message and whatever else had
// arrived costs no second pass on the path of the reply. MPI_Test on the
// next slot did: the turnaround of an 8-byte ping-pong (message taken to
// reply sent, rdtsc, median) went from ~440 to ~395 cycles.
//
// When the cores are oversubscribed (dsac_yield), throughput counts:
// dsac_test_slot tests one slot with MPI_Test, which progresses and looks
// again, and dsac_recv tests the slot after the last message taken too,
// so one poll collects what arrives while it runs. With scans only, a
// poll returned with fewer messages and all-to-all on 8 ranks over 2
// cores lost rate (two sets of 4 alternations: 0.34–1.10M against
// 0.70–2.37M msgs/s, 0.40–1.48M against 0.93–1.71M).
//
// A slot found complete stays so until taken. dsac_scanned is where the
// last scan's window ended.
enum { DSAC_SCAN = 8 };
static int dsac_scanned;

static void dsac_done_slot(int s, MPI_Status *st) {
	dsac_rdone[s] = 1;
	dsac_rsrc[s] = st->MPI_SOURCE;
	MPI_Get_count(st, MPI_BYTE, &dsac_rcount[s]);
}

static int dsac_scan(void) {
	int h = dsac_rhead, k = DSAC_RING - dsac_nrepost, done = 0;
	int idx[DSAC_SCAN];
	MPI_Status st[DSAC_SCAN];
	if (k > DSAC_RING - h) k = DSAC_RING - h;
	if (k > DSAC_SCAN) k = DSAC_SCAN;
	if (k <= 0) return 0;
	dsac_scanned = h + k;
	MPI_Testsome(k, &dsac_rreq[h], &done, idx, st);
	if (done == MPI_UNDEFINED) done = 0;
	for (int i = 0; i < done; i++) dsac_done_slot(h + idx[i], &st[i]);
	return done;
}

static int dsac_test_slot(int h) {
	int flag = 0;
	MPI_Status st;
	MPI_Test(&dsac_rreq[h], &flag, &st);
	if (flag) dsac_done_slot(h, &st);
	return flag;
}

// dsac_recv takes up to max messages off the receive ring, in posting
// order, copying them into in (cap bytes), leaving their slots to
// dsac_repost; meta gets (length, source, offset in in) per message. A message that
// does not fit ends the batch; if it is the first, *need gets its size.
static int dsac_recv(char *in, int cap, int *meta, int max, int *need) {
	int n = 0, off = 0;
	*need = 0;
	while (n < max && dsac_nrepost < DSAC_RING) {
		int h = dsac_rhead;
		if (!dsac_rdone[h]) {
			if (dsac_yield) {
				if (!dsac_test_slot(h)) break;
			} else if (n == 0 ? dsac_scan() == 0 || !dsac_rdone[h] :
				// Past the last scan's window (a burst, or the ring's
				// wrap), scan again: it progresses only if it finds nothing.
				h != dsac_scanned % DSAC_RING || dsac_scan() == 0) {
				break;
			}
		}
		int src = dsac_rsrc[h], count = dsac_rcount[h];
		if (count == 0) {
			// A marker: the frame is src's next message on DSAC_BIG, posted
			// along with the marker (blocking is safe, it is on its way).
			MPI_Status st;
			MPI_Probe(src, DSAC_BIG, dsac_comm, &st);
			MPI_Get_count(&st, MPI_BYTE, &count);
			if (count > cap - off) {
				if (n == 0) *need = count;
				break;
			}
			MPI_Recv(in + off, count, MPI_BYTE, src, DSAC_BIG, dsac_comm, MPI_STATUS_IGNORE);
		} else {
			if (count > cap - off) {
				if (n == 0) *need = count;
				break;
			}
			memcpy(in + off, dsac_rbuf + (size_t)h * DSAC_SMALL, count);
		}
		dsac_rdone[h] = 0;
		dsac_nrepost++;
		dsac_rhead = h + 1 == DSAC_RING ? 0 : h + 1;
		meta[3*n] = count;
		meta[3*n+1] = src;
		meta[3*n+2] = off;
		off += count;
		n++;
	}
	return n;
}

static int dsac_test_wave(dsac_ctl *c) {
	int flag = 0;
	MPI_Test(&dsac_wave, &flag, MPI_STATUS_IGNORE);
	if (flag) {
		memcpy(c->wave_out, dsac_wrecv, sizeof dsac_wrecv);
		c->wave_done = 1;
	}
	return flag;
}

static long long dsac_mono(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

// dsac_poll is one turn of the event loop's transport: join a wave if
// asked (first, so the counts Go sampled are exact at joining), post the
// pending sends, receive a batch, reap completed sends, test the wave.
static void dsac_poll_turn(dsac_ctl *c, const char *out, const int *ometa, int nout, char *in, int incap, int *imeta, int maxin);

static void dsac_poll(const char *out, const int *ometa, int nout, char *in, int incap, int *imeta, int maxin) {
	dsac_ctl *c = &dsac_c;
	dsac_own_yield();
	dsac_poll_turn(c, out, ometa, nout, in, incap, imeta, maxin);
	dsac_mpi_yield();
}

static void dsac_poll_turn(dsac_ctl *c, const char *out, const int *ometa, int nout, char *in, int incap, int *imeta, int maxin) {
	if (c->join) {
		memcpy(dsac_wsend, c->wave_in, sizeof dsac_wsend);
		MPI_Iallreduce(dsac_wsend, dsac_wrecv, DSAC_NV, MPI_LONG_LONG, MPI_SUM, dsac_comm, &dsac_wave);
		c->join = 0;
	}
	c->posted = nout > 0 ? dsac_post(out, ometa, nout) : 0;
	dsac_repost();
	c->received = dsac_recv(in, incap, imeta, maxin, &c->need);
	c->wave_done = 0;
	// Every MPI call that can complete a request runs MPI's progress
	// engine (and yields the CPU when oversubscribed): while messages are
	// flowing, reap sends and test the wave only now and then. Measured:
	// 15% more all-to-all messages per second.
	dsac_polls++;
	int quiet = c->received == 0;
	if (quiet || dsac_inflight >= 64) dsac_reap();
	if (dsac_wave != MPI_REQUEST_NULL && (quiet || (dsac_polls & 15) == 0)) dsac_test_wave(c);
	// Nothing came and everything was posted: wait here for a message, up
	// to spin_ns, rather than return to Go for another poll (a cgo call
	// and a clock reading each), reaping and testing the wave now and then.
	if (quiet && c->posted < nout && dsac_yield) sched_yield(); // waiting for sends to drain
	if (c->spin_ns <= 0 || !quiet || c->posted < nout || c->need > 0 || c->wave_done) return;
	long long until = 0;
	for (unsigned i = 1;; i++) {
		if (dsac_yield) sched_yield();
		c->received = dsac_recv(in, incap, imeta, maxin, &c->need);
		if (c->received > 0 || c->need > 0) return;
		// A wave's end is looked for on every turn when the cores are
		// oversubscribed (each turn yields the CPU, so every 8th turn
		// could be 8 other ranks' time slices later), else on every 8th:
		// testing it progresses MPI a second time per turn, which delays
		// noticing a message.
		if (dsac_wave != MPI_REQUEST_NULL && (dsac_yield || (i & 7) == 0) && dsac_test_wave(c)) return;
		if ((i & 15) != 0) continue;
		if (dsac_inflight > 0) dsac_reap();
		long long now = dsac_mono();
		if (until == 0) until = now + c->spin_ns;
		else if (now >= until) return;
	}
}

// Shared counters: a window of count int64s on rank 0 (none elsewhere),
// in one passive-target epoch for the whole run. MPI_Win_allocate, not
// MPI_Win_create, which fails over TCP alone. Every operation is flushed
// before it returns, so it is complete at rank 0 when the handler that
// made it returns.
static MPI_Win dsac_win = MPI_WIN_NULL;

static void dsac_win_begin(int rank, int count, const int64_t *initial) {
	int64_t *base;
	MPI_Aint size = rank == 0 ? (MPI_Aint)count * sizeof(int64_t) : 0;
	MPI_Win_allocate(size, sizeof(int64_t), MPI_INFO_NULL, dsac_comm, &base, &dsac_win);
	MPI_Win_lock_all(MPI_MODE_NOCHECK, dsac_win);
	if (rank == 0) {
		// Through RMA, not by storing to base, so the values are in the
		// window's public copy whatever the memory model.
		MPI_Accumulate(initial, count, MPI_INT64_T, 0, 0, count, MPI_INT64_T, MPI_REPLACE, dsac_win);
		MPI_Win_flush(0, dsac_win);
	}
	MPI_Barrier(dsac_comm);
}

static int64_t dsac_fetch_add(int counter, int64_t delta) {
	int64_t old;
	MPI_Fetch_and_op(&delta, &old, MPI_INT64_T, 0, counter, MPI_SUM, dsac_win);
	MPI_Win_flush(0, dsac_win);
	return old;
}

static int64_t dsac_read(int counter) {
	int64_t none = 0, v;
	MPI_Fetch_and_op(&none, &v, MPI_INT64_T, 0, counter, MPI_NO_OP, dsac_win);
	MPI_Win_flush(0, dsac_win);
	return v;
}

static int dsac_cas(int counter, int64_t old, int64_t new) {
	int64_t was;
	MPI_Compare_and_swap(&new, &old, &was, MPI_INT64_T, 0, counter, dsac_win);
	MPI_Win_flush(0, dsac_win);
	return was == old;
}

// dsac_win_end reads the final values on rank 0 and frees the window. It
// runs once no rank handles events any more (after the termination
// waves), so every operation of the run is complete.
static void dsac_win_end(int rank, int count, int64_t *final) {
	if (rank == 0)
		for (int i = 0; i < count; i++) final[i] = dsac_read(i);
	MPI_Win_unlock_all(dsac_win);
	MPI_Win_free(&dsac_win);
}

// The gather: every rank but 0 sends its part to rank 0, which probes
// each rank's for its size and receives it. One step, where MPI_Gather of
// the sizes and MPI_Gatherv of the parts took two collectives.
static void dsac_gather_send(const char *mine, int len) {
	MPI_Send(mine, len, MPI_BYTE, 0, DSAC_GATHER, dsac_comm);
}

static int dsac_gather_probe(int src) {
	MPI_Status st;
	int count = 0;
	MPI_Probe(src, DSAC_GATHER, dsac_comm, &st);
	MPI_Get_count(&st, MPI_BYTE, &count);
	return count;
}

static void dsac_gather_recv(char *buf, int len, int src) {
	MPI_Recv(buf, len, MPI_BYTE, src, DSAC_GATHER, dsac_comm, MPI_STATUS_IGNORE);
}

// dsac_nap sleeps ns nanoseconds: nanosleep is precise to ~50µs here,
// where Go's time.Sleep has a ~1ms floor.
static void dsac_nap(long ns) {
	struct timespec ts = { ns / 1000000000L, ns % 1000000000L };
	nanosleep(&ts, NULL);
}
*/
import "C"

import (
	"errors"
	"os"
	"time"
	"unsafe"
)

func init() {
	// The C wave and the Go wave must agree on their layout.
	if C.DSAC_NV != waveLen {
		panic("mpi: DSAC_NV and waveLen differ")
	}
}

// mpiInit initialises MPI on the calling thread.
//
// Unless the user chose one-sided components (OMPI_MCA_osc), it excludes
// osc/rdma: with OpenMPI 4.1.4's shared-memory transport its
// compare-and-swap crashes (a segfault in vader's atomics emulation).
// osc/sm (all ranks on one host) and osc/pt2pt (any transport) remain.
//
// The thread level asked for is MPI_THREAD_SINGLE unless
// DSAC_MPI_THREAD says funneled or serialized. Only one thread ever calls
// MPI (the loop's goroutine is locked to it; successive runs after Init
// may be on different threads but never overlap, and mpiState's mutex
// orders them), which is what SERIALIZED promises; but OpenMPI 4.1.4
// turns on its internal locks at every level above SINGLE, and those
// mutexes were 20–30% of a ping-pong rank's CPU (perf; a C ping-pong
// with MPI_Iprobe: 0.52 µs at SINGLE, 0.67 µs at FUNNELED). OpenMPI keeps
// no per-thread state at SINGLE, so it is safe here.
func mpiInit(serialized bool) error {
	if _, set := os.LookupEnv("OMPI_MCA_osc"); !set {
		os.Setenv("OMPI_MCA_osc", "^rdma")
	}
	level := C.int(0)
	switch os.Getenv("DSAC_MPI_THREAD") {
	case "funneled":
		level = 1
	case "serialized":
		level = 2
	}
	if level == 1 && serialized {
		level = 2
	}
	switch C.dsac_init(level) {
	case -1:
		return errors.New("mpi: MPI is already initialised")
	case -2:
		return errors.New("mpi: MPI was finalised; it cannot run again in this process")
	case -3:
		return errors.New("mpi: the MPI library does not provide the thread level needed")
	}
	return nil
}

func mpiWorld() (rank, size int) {
	var r, s C.int
	C.dsac_world(&r, &s)
	return int(r), int(s)
}

func mpiFinalize() { C.dsac_finalize() }
func mpiBegin()    { C.dsac_begin() }
func mpiEnd()      { C.dsac_end() }

func mpiNap(d time.Duration) { C.dsac_nap(C.long(d)) }

// poller holds the buffers of the loop's polls. Frames and metadata are
// Go memory passed to C for the duration of one call (they hold no Go
// pointers); the control block is C memory.
type poller struct {
	ctl    *C.dsac_ctl
	in     []byte
	inMeta []int32 // length, source, offset in in per received message
	wave   wave    // the sums of the wave the last poll completed
}

// maxBatch is the most messages one poll receives: enough to amortise the
// cgo call, few enough to interleave sends and timers with a flood.
const maxBatch = 256

func newPoller() *poller {
	return &poller{ctl: C.dsac_control(), in: make([]byte, 64<<10), inMeta: make([]int32, 3*maxBatch)}
}

// frame returns the i-th frame of the last poll and its sender.
func (p *poller) frame(i int) (src int, frame []byte) {
	size, src, off := int(p.inMeta[3*i]), int(p.inMeta[3*i+1]), int(p.inMeta[3*i+2])
	return src, p.in[off : off+size : off+size]
}

// pollResult is what one poll did; if it completed a wave, the sums are
// in the poller (kept out of the result, which every turn of the loop
// returns and copies).
type pollResult struct {
	posted, received, need int
	waveDone               bool
}

// poll joins a wave with join (if non-nil), posts the sends of meta
// (frames in out), reaps completed sends, receives a batch into p.in and
// tests the wave. If nothing came, every send was posted and no wave
// completed, it waits up to spin for a message or the wave.
func (p *poller) poll(out []byte, meta []int32, join *wave, spin time.Duration) pollResult {
	c := p.ctl
	c.spin_ns = C.longlong(spin)
	if join != nil {
		c.join = 1
		for i, v := range join {
			c.wave_in[i] = C.longlong(v)
		}
	}
	var outp *C.char
	if len(out) > 0 {
		outp = (*C.char)(unsafe.Pointer(&out[0]))
	}
	var metap *C.int
	if len(meta) > 0 {
		metap = (*C.int)(unsafe.Pointer(&meta[0]))
	}
	C.dsac_poll(outp, metap, C.int(len(meta)/3),
		(*C.char)(unsafe.Pointer(&p.in[0])), C.int(len(p.in)),
		(*C.int)(unsafe.Pointer(&p.inMeta[0])), C.int(maxBatch))
	r := pollResult{posted: int(c.posted), received: int(c.received), need: int(c.need), waveDone: c.wave_done != 0}
	if r.waveDone {
		for i := range p.wave {
			p.wave[i] = int64(c.wave_out[i])
		}
	}
	if r.need > 0 {
		p.in = make([]byte, max(r.need, 2*len(p.in)))
	}
	return r
}

// mpiCounters are the shared counters in the run's MPI window.
type mpiCounters struct{}

func (mpiCounters) fetchAdd(counter int, delta int64) int64 {
	return int64(C.dsac_fetch_add(C.int(counter), C.int64_t(delta)))
}

func (mpiCounters) read(counter int) int64 { return int64(C.dsac_read(C.int(counter))) }

func (mpiCounters) compareAndSwap(counter int, old, new int64) bool {
	return C.dsac_cas(C.int(counter), C.int64_t(old), C.int64_t(new)) != 0
}

// winBegin creates the window of the shared counters (collective).
func winBegin(rank int, initial []int64) {
	C.dsac_win_begin(C.int(rank), C.int(len(initial)), (*C.int64_t)(unsafe.Pointer(&initial[0])))
}

// winEnd frees the window (collective); on rank 0 it first stores the
// final values into final.
func winEnd(rank int, final []int64) {
	C.dsac_win_end(C.int(rank), C.int(len(final)), (*C.int64_t)(unsafe.Pointer(&final[0])))
}

// gather collects every rank's bytes on rank 0, in rank order; other ranks
// get nil.
func gather(mine []byte, rank, n int) [][]byte {
	if rank != 0 {
		var minep *C.char
		if len(mine) > 0 {
			minep = (*C.char)(unsafe.Pointer(&mine[0]))
		}
		C.dsac_gather_send(minep, C.int(len(mine)))
		return nil
	}
	parts := make([][]byte, n)
	parts[0] = mine
	for r := 1; r < n; r++ {
		size := int(C.dsac_gather_probe(C.int(r)))
		buf := make([]byte, max(size, 1))
		C.dsac_gather_recv((*C.char)(unsafe.Pointer(&buf[0])), C.int(size), C.int(r))
		parts[r] = buf[:size]
	}
	return parts
}
