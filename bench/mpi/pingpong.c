// pingpong: raw MPI one-way latency between ranks 0 and 1, the baseline
// the Go backend's ping-pong is compared with (scripts/mpi/bench.sh).
//
//   mpirun -np 2 pingpong SIZE ITERS
//
// Prints "RESULT pingpong bytes=SIZE oneway_us=X": the time of ITERS round
// trips (after a warm-up) divided by 2*ITERS. Other ranks only wait.
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
	MPI_Init(&argc, &argv);
	int rank, size;
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	int bytes = argc > 1 ? atoi(argv[1]) : 8;
	int iters = argc > 2 ? atoi(argv[2]) : 100000;
	int warm = iters / 10;
	char *buf = calloc(bytes > 0 ? bytes : 1, 1);
	double t0 = 0;
	MPI_Barrier(MPI_COMM_WORLD);
	if (rank < 2 && size >= 2) {
		int peer = 1 - rank;
		for (int i = 0; i < warm + iters; i++) {
			if (i == warm) t0 = MPI_Wtime();
			if (rank == 0) {
				MPI_Send(buf, bytes, MPI_BYTE, peer, 1, MPI_COMM_WORLD);
				MPI_Recv(buf, bytes, MPI_BYTE, peer, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
			} else {
				MPI_Recv(buf, bytes, MPI_BYTE, peer, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
				MPI_Send(buf, bytes, MPI_BYTE, peer, 1, MPI_COMM_WORLD);
			}
		}
		if (rank == 0)
			printf("RESULT pingpong bytes=%d oneway_us=%.3f\n", bytes, (MPI_Wtime() - t0) * 1e6 / (2.0 * iters));
	}
	free(buf);
	MPI_Finalize();
	return 0;
}
