package cli

import (
	"slices"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
)

// Backends are the backends --backend can choose, by name. Another backend
// registers itself from a file of its own in this package:
//
//	func init() { Backends["mpi"] = mpi.Run }
var Backends = map[string]runtime.RunFunc{
	channel.Name: channel.Run,
}

// DefaultN is the number of processes of a run that names none (outside
// MPI, where the job's size decides).
const DefaultN = 3

// DefaultBackend is the backend of a run that names none.
const DefaultBackend = channel.Name

// backendNames lists the available backends in order, for messages.
func backendNames() []string {
	names := make([]string, 0, len(Backends))
	for name := range Backends {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
