// Package mpi is the MPI backend: every rank of an `mpirun -np N` job runs
// one process of the algorithm, and messages travel between ranks as binary
// frames over OpenMPI, through a small cgo layer of our own.
//
// Build with `go build -tags mpi` (needs libopenmpi-dev and pkg-config;
// scripts/mpi/install.sh installs them). Without the tag the package
// compiles to a stub whose Run says how to build with MPI, so programs
// that list the backend build everywhere.
//
// # Design
//
// One goroutine owns MPI: Run locks it to its OS thread, initialises MPI
// there (MPI_THREAD_SINGLE: only that thread calls MPI, and higher levels
// turn on OpenMPI's internal locks; see mpiInit) and runs this rank's event loop itself:
// take a batch of messages off a ring of pre-posted persistent receives
// (64 of 1 KiB, from any source, taken in posting order; a longer frame
// follows an empty marker on a tag of its own) in one cgo call, which
// waits in C up to 50µs when nothing has come, decode and handle them, fire due timers (a min-heap of deadlines, no goroutines), and post
// the handlers' sends with MPI_Isend from C-owned buffers, reaped with
// MPI_Testsome and capped at 1024 in flight (a lone small frame with
// nothing in flight goes with MPI_Send: far below the eager limit, it
// cannot wait on the receiver). The ring is posted by the first run of
// the process and stays posted for later ones; the ring slots taken are
// posted again on the next poll, after its sends (MPI_Startall). When
// mpirun oversubscribes the cores, OpenMPI yields the CPU on every
// progress call that finds nothing; a poll turns that off and yields only
// where it waits for a message. An idle rank spins (at least
// 300 polls and 2ms), then naps from 10µs up to 1ms (see loop.go and
// BENCH_NOTES.md for why 2ms). The loop passes through Go's scheduler
// every 8ms: a goroutine that never does is preempted by sysmon every
// 10ms, which then wakes every 20µs, a context switch each time on cores
// the ranks share. Handing messages between a
// transport goroutine and a handler goroutine over channels measured
// 100–10,000× slower, which is why there is none.
//
// A frame on the wire is the sender's causal step (a uvarint, not counted
// in the byte metrics) followed by the message's wire frame (kind and
// payload, see package wire). A frame that does not decode ends the run
// with an error naming the sending rank. Generated code takes a fast path
// here (runtime/frames.go): a send encodes its message, passed by value,
// straight into the outbox through the node's runtime.FrameSender methods,
// and a process's HandleWire (runtime.WireHandler) decodes a payload into
// a local value for its handler, so a hop allocates no message and makes
// no interface call to encode or decode one. Other processes go through
// Descriptor.Decode, Handle and Send.
//
// # Termination
//
// Every rank agrees on how the run ended. Ranks join a sequence of
// non-blocking MPI_Iallreduce "waves" summing, per rank, the messages
// posted and taken off the wire, whether it is busy (a timer armed or a
// send not yet posted), halted, failed, or past its deadline (timeout or
// context cancelled). Each rank decides from the same sums, so all decide
// alike at the same wave:
//   - any failure: EndError;
//   - every process halted: EndHalted;
//   - any rank past its deadline: EndTimeout;
//   - two consecutive waves with equal sums, sent == received, and nobody
//     busy in the second: EndQuiescent. This is Mattern's four-counter
//     method: a rank joins wave k+1 only after wave k completed, so both
//     waves bracket a moment at which no message was in flight and no
//     process could act again.
//
// After the decision no rank handles or sends; unless the run ended
// quiescent (then nothing is in flight), they keep receiving (and
// dropping) until a wave shows every posted message received, so no send is
// left pending, then rank 0 gathers (each rank sends its part to rank 0) every rank's outputs, metrics and final
// process state (EncodeState; rebuilt with DecodeState), checks the
// properties and returns the whole Result. Outputs travel as JSON; an
// argument JSON cannot carry with its type (a record, set or map) also
// travels shown in the language's syntax, so that rank 0 shows it as the
// channel backend would and encodes it as the recording rank did. Other ranks return a Result with
// only their own part: print results only where IsRoot reports true.
//
// A handler that never returns would keep every rank waiting; when a run
// is still going 10s past its deadline, the watchdog of the rank whose
// event loop no longer turns names that rank and exits (status 3, which
// makes mpirun end the job).
//
// # Shared counters
//
// An algorithm's shared counters live in an RMA window on rank 0 for the
// whole run (MPI_Win_allocate, one passive-target epoch); FetchAdd,
// CompareAndSwap and ReadShared are MPI_Fetch_and_op, MPI_Compare_and_swap
// and a MPI_NO_OP fetch, each flushed before it returns, so every
// operation is atomic and linearizable. Rank 0 reads the final values into
// Instance.Shared before checking the properties. Unless OMPI_MCA_osc is
// set, osc/rdma is excluded: its compare-and-swap over OpenMPI 4.1.4's
// shared-memory transport crashes.
//
// # Faults
//
// Crash faults are simulated, not real: killing a rank kills the whole MPI
// job. A crashed rank (Options.Crashes, or the DSAC_MPI_CRASH environment
// variable) stops handling events and sending, but still takes part in
// termination and the gather. A crash of a rank the job does not have is
// refused; the crashes that happened are in Result.Faults. A crashed
// rank contributes the state it had when it crashed, and is down
// (Instance.Down) when rank 0 checks the properties: crashed(p) is true of
// it, correct(p) of every other rank.
//
// This package imports only the standard library and package runtime.
package mpi
