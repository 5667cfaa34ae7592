// alltoall: raw MPI all-to-all message rate, the baseline the Go
// backend's all-to-all is compared with (scripts/mpi/bench.sh).
//
//   mpirun -np N alltoall SIZE ROUNDS
//
// Each round every rank posts a receive from and a send to every other
// rank (MPI_Irecv/MPI_Isend) and waits for all of them, as the Go version
// waits for a round's n-1 messages before sending the next. Prints
// "RESULT alltoall ranks=N bytes=SIZE msgs_per_s=X": N(N-1)ROUNDS messages
// over the slowest rank's time.
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
	MPI_Init(&argc, &argv);
	int rank, n;
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &n);
	int bytes = argc > 1 ? atoi(argv[1]) : 8;
	int rounds = argc > 2 ? atoi(argv[2]) : 20000;
	int b = bytes > 0 ? bytes : 1;
	char *in = calloc((size_t)n * b, 1), *out = calloc(b, 1);
	MPI_Request *reqs = malloc(sizeof(MPI_Request) * 2 * n);
	MPI_Barrier(MPI_COMM_WORLD);
	double t0 = MPI_Wtime();
	for (int r = 0; r < rounds; r++) {
		int k = 0;
		for (int p = 0; p < n; p++)
			if (p != rank) MPI_Irecv(in + (size_t)p * b, bytes, MPI_BYTE, p, 1, MPI_COMM_WORLD, &reqs[k++]);
		for (int p = 0; p < n; p++)
			if (p != rank) MPI_Isend(out, bytes, MPI_BYTE, p, 1, MPI_COMM_WORLD, &reqs[k++]);
		MPI_Waitall(k, reqs, MPI_STATUSES_IGNORE);
	}
	double mine = MPI_Wtime() - t0, slowest = 0;
	MPI_Reduce(&mine, &slowest, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
	if (rank == 0)
		printf("RESULT alltoall ranks=%d bytes=%d msgs_per_s=%.0f\n", n, bytes, (double)n * (n - 1) * rounds / slowest);
	free(in);
	free(out);
	free(reqs);
	MPI_Finalize();
	return 0;
}
