package main

import (
	"bytes"
	"errors"
	"os/exec"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

const rule = "--------------------------------------------------------------------------\n"

// TestMPIStatus: mpirun's statuses and boxed reports become dsac's 0, 1
// or 2 and one line naming the rank; reports dsac does not know pass.
func TestMPIStatus(t *testing.T) {
	primary := rule + "Primary job  terminated normally, but 1 process returned\na non-zero exit code. Per user-direction, the job has been aborted.\n" + rule
	exited := func(rank, code int) string {
		return rule + "mpirun.openmpi detected that one or more processes exited with non-zero status, thus causing\n" +
			"the job to be terminated. The first process to do so was:\n\n  Process name: [[19185,1]," + strconv.Itoa(rank) +
			"]\n  Exit code:    " + strconv.Itoa(code) + "\n" + rule
	}
	signaled := rule + "mpirun.openmpi noticed that process rank 1 with PID 0 on node vm exited on signal 9 (Killed).\n" + rule
	unknown := rule + "mpirun.openmpi was unable to launch the specified application as it could not access\nor execute an executable:\n" + rule
	cases := []struct {
		stderr string
		code   int // mpirun's
		want   int
		out    string
	}{
		{"", 0, 0, ""},
		{"paxos: unknown parameter \"x\"\n" + primary, 2, 2, "paxos: unknown parameter \"x\"\n"},
		{primary + exited(0, 1), 1, 1, ""},
		{primary + exited(0, 2), 2, 2, ""},
		{"mpi: rank 2 stopped making progress\n" + primary + exited(2, 3), 3, 1, "mpi: rank 2 stopped making progress\ndsac: rank 2 exited with status 3\n"},
		{primary + signaled, 137, 1, "dsac: rank 1 was killed by signal 9 (Killed)\n"},
		{"fatal error: stack overflow\n" + primary + exited(2, 2), 2, 1, "fatal error: stack overflow\ndsac: rank 2 crashed: fatal error: stack overflow\n"},
		{"mpirun.openmpi: Forwarding signal 10 to job\n", 1, 1, ""},
		{unknown, 213, 1, unknown + "dsac: mpirun ended with status 213\n"},
		{"", 255, 1, "dsac: mpirun ended with status 255\n"},
		{"", 132, 1, "dsac: mpirun ended with status 132: a rank was killed by signal 4\n"},
	}
	for _, c := range cases {
		var out bytes.Buffer
		w := newStderrWatch(&out, true)
		_, err := w.Write([]byte(c.stderr))
		require.NoError(t, err)
		require.NoError(t, w.Close())
		runErr := exec.Command("sh", "-c", "exit "+strconv.Itoa(c.code)).Run()
		err = mpiStatus(runErr, outcome{}, w, func(msg string) { out.WriteString("dsac: " + msg + "\n") })
		got := 0
		var exit exitError
		if errors.As(err, &exit) {
			got = exit.code
		} else {
			require.NoError(t, err)
		}
		require.Equal(t, c.want, got, "mpirun status %d, stderr:\n%s", c.code, c.stderr)
		require.Equal(t, c.out, out.String(), "mpirun status %d, stderr:\n%s", c.code, c.stderr)
	}
}
