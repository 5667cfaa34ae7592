// fetchadd: raw MPI latency of an atomic fetch-and-add on a counter in
// rank 0's window, issued by rank 1 (scripts/mpi/bench.sh compares it with
// a shared counter's fetch_add through the Go backend).
//
//   mpirun -np 2 fetchadd ITERS
//
// Prints "RESULT fetchadd oneop_us=X": the time of ITERS
// MPI_Fetch_and_op + MPI_Win_flush pairs over ITERS. Rank 0 waits in a
// barrier meanwhile, which keeps MPI progressing (as osc/pt2pt needs).
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
	MPI_Init(&argc, &argv);
	int rank, size;
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	int iters = argc > 1 ? atoi(argv[1]) : 100000;
	int64_t *base, one = 1, old = 0;
	MPI_Win win;
	MPI_Win_allocate(rank == 0 ? sizeof(int64_t) : 0, sizeof(int64_t), MPI_INFO_NULL, MPI_COMM_WORLD, &base, &win);
	MPI_Win_lock_all(MPI_MODE_NOCHECK, win);
	MPI_Barrier(MPI_COMM_WORLD);
	if (rank == 1) {
		double t0 = MPI_Wtime();
		for (int i = 0; i < iters; i++) {
			MPI_Fetch_and_op(&one, &old, MPI_INT64_T, 0, 0, MPI_SUM, win);
			MPI_Win_flush(0, win);
		}
		printf("RESULT fetchadd oneop_us=%.3f\n", (MPI_Wtime() - t0) * 1e6 / iters);
	}
	MPI_Barrier(MPI_COMM_WORLD);
	MPI_Win_unlock_all(win);
	MPI_Win_free(&win);
	MPI_Finalize();
	return 0;
}
