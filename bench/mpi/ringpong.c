// ringpong: a ping-pong making the Go backend's MPI calls (runtime/mpi/cmpi.go):
// DSAC_RING persistent receives from any source taken in posting order
// with MPI_Test, the reply sent with MPI_Send, the slot posted again with
// MPI_Startall after it; the receiver busy-waits DELAY stamp units (cycles
// on x86) before replying, standing in for a handler. With stamps.h it
// tells how much of the Go backend's hop is its own turnaround and how
// much the MPI calls it makes (scripts/mpi/turnaround.sh).
//
//   mpirun -np 2 ringpong SIZE ITERS DELAY
#include <mpi.h>
#include <string.h>
#include "stamps.h"

enum { RING = 64, SMALL = 1024, TAG = 7 };

int main(int argc, char **argv) {
	MPI_Init(&argc, &argv);
	int rank, size;
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	int bytes = argc > 1 ? atoi(argv[1]) : 8;
	int iters = argc > 2 ? atoi(argv[2]) : 100000;
	unsigned long long delay = argc > 3 ? strtoull(argv[3], NULL, 10) : 0;
	int warm = iters / 10;
	if (bytes > SMALL) bytes = SMALL;
	MPI_Comm comm;
	MPI_Comm_dup(MPI_COMM_WORLD, &comm);
	static char rbuf[RING][SMALL], out[SMALL], in[SMALL];
	MPI_Request rq[RING];
	for (int i = 0; i < RING; i++) MPI_Recv_init(rbuf[i], SMALL, MPI_BYTE, MPI_ANY_SOURCE, TAG, comm, &rq[i]);
	MPI_Startall(RING, rq);
	int head = 0, repost = -1;
	double t0 = 0;
	MPI_Barrier(comm);
	if (rank < 2 && size >= 2) {
		int peer = 1 - rank;
		for (int i = 0; i < warm + iters; i++) {
			if (i == warm) t0 = MPI_Wtime();
			if (rank == 0) {
				stamp_send();
				MPI_Send(out, bytes, MPI_BYTE, peer, TAG, comm);
			}
			if (repost >= 0) MPI_Startall(1, &rq[repost]);
			for (int flag = 0; !flag;) {
				MPI_Status st;
				MPI_Test(&rq[head], &flag, &st);
				if (flag) {
					int count;
					MPI_Get_count(&st, MPI_BYTE, &count);
					memcpy(in, rbuf[head], count);
				}
			}
			stamp_taken();
			repost = head;
			head = (head + 1) % RING;
			if (rank == 1) {
				for (unsigned long long w = stamp_now(); stamp_now() - w < delay;)
					;
				stamp_send();
				MPI_Send(out, bytes, MPI_BYTE, peer, TAG, comm);
			}
		}
		if (repost >= 0) MPI_Startall(1, &rq[repost]);
		if (rank == 0)
			printf("RESULT ringpong bytes=%d delay=%llu oneway_us=%.3f\n", bytes, delay, (MPI_Wtime() - t0) * 1e6 / (2.0 * iters));
	}
	stamps_report("ringpong");
	for (int i = 0; i < RING; i++) {
		MPI_Cancel(&rq[i]);
		MPI_Wait(&rq[i], MPI_STATUS_IGNORE);
		MPI_Request_free(&rq[i]);
	}
	MPI_Comm_free(&comm);
	MPI_Finalize();
	return 0;
}
