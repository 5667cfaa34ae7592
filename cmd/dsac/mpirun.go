package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"
)

// mpiLaunch is how `dsac run --backend mpi` starts the job.
type mpiLaunch struct {
	transport string // "shm" or "tcp"
	hostfile  string
	tcpIf     string // the interface TCP uses; lo when no hostfile is given
	mpirun    string
}

// transports maps --transport to OpenMPI's byte-transfer layers. OpenMPI
// misreports a misspelt one only after seconds of ORTE errors, so the
// name is checked here first.
var transports = map[string]string{"shm": "self,vader", "tcp": "self,tcp"}

// mpirunPath prefers OpenMPI's launcher by its own name, since MPICH's
// mpirun may be the default one where both are installed.
func mpirunPath(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	for _, name := range []string{"mpirun.openmpi", "mpirun"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("mpirun not found: install OpenMPI (apt-get install openmpi-bin libopenmpi-dev, or scripts/mpi/install.sh)")
}

// args builds the mpirun command line for n ranks of prog.
func (l mpiLaunch) args(n int, prog string, progArgs []string) ([]string, error) {
	btl, ok := transports[l.transport]
	if !ok {
		return nil, fmt.Errorf("unknown transport %q (want shm or tcp)", l.transport)
	}
	args := []string{"--oversubscribe", "--bind-to", "none", "-np", strconv.Itoa(n), "--mca", "btl", btl}
	if os.Geteuid() == 0 {
		args = append([]string{"--allow-run-as-root"}, args...)
	}
	if l.transport == "tcp" {
		iface := l.tcpIf
		if iface == "" && l.hostfile == "" {
			iface = "lo" // one host: OpenMPI's TCP skips loopback unless told
		}
		if iface != "" {
			args = append(args, "--mca", "btl_tcp_if_include", iface, "--mca", "oob_tcp_if_include", iface)
		}
	}
	if l.hostfile != "" {
		args = append(args, "--hostfile", l.hostfile)
	}
	return append(append(args, prog), progArgs...), nil
}

// run launches the job and waits for it, at most timeout plus a grace
// period for start-up and the final gather; a job still running then is
// killed with its whole process group, so no rank is left behind.
func (l mpiLaunch) run(n int, prog string, progArgs []string, timeout time.Duration, stdout, stderr io.Writer) error {
	mpirun, err := mpirunPath(l.mpirun)
	if err != nil {
		return err
	}
	args, err := l.args(n, prog, progArgs)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout+30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, mpirun, args...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	err = cmd.Run()
	if ctx.Err() != nil {
		return fmt.Errorf("mpirun did not end within %v; the job was killed", timeout+30*time.Second)
	}
	return err
}
