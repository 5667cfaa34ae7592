// Package sim is dsac's third backend: a deterministic simulator and model
// checker over the same generated state machines the channel and MPI
// backends drive.
//
// Everything nondeterministic in a distributed run — which message or timer
// comes next, message delays, loss, duplication, crashes, partitions and the
// values random() returns — is decided here, from one seed (random
// simulation) or by enumeration (exhaustive exploration). A run is a
// sequence of steps, each one event handled atomically by one process;
// every invariant is checked after every step.
//
//   - Run (backend "sim") is one seeded run in virtual time: the same
//     descriptor, options, faults and seed give the same run byte for byte.
//   - Simulate runs many seeded random walks on all cores (dsac sim), with a
//     uniform or a PCT scheduler.
//   - Explore enumerates every interleaving and allowed fault up to bounds,
//     storing 64-bit fingerprints of the states it has seen (dsac explore).
//   - A violation is a Schedule: a text file that Replay reruns exactly,
//     that Shrink shortens by delta debugging, and that Explain turns into
//     numbered steps with the state changes of each.
//
// The package imports only the standard library and the runtime contract,
// never the compiler.
package sim
