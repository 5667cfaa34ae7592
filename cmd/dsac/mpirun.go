package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// mpiLaunch is how `dsac run --backend mpi` starts the job.
type mpiLaunch struct {
	transport  string // "shm" or "tcp"
	hostfile   string
	tcpIf      string // the interface TCP uses; lo when no hostfile is given
	mpirun     string
	programDir string // where the program is copied for the other hosts
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

// check refuses, before anything is built or launched, what mpirun would
// refuse only after seconds, with ORTE errors, or once per rank.
func (l mpiLaunch) check() error {
	if _, ok := transports[l.transport]; !ok {
		return fmt.Errorf("unknown transport %q (want shm or tcp)", l.transport)
	}
	if l.hostfile != "" {
		if l.transport != "tcp" {
			return errors.New("--hostfile runs ranks on other hosts, which shared memory cannot reach: add --transport tcp")
		}
		b, err := os.ReadFile(l.hostfile)
		if err != nil {
			return fmt.Errorf("--hostfile: %v", err)
		}
		if !hasHost(string(b)) {
			return fmt.Errorf("--hostfile %s names no host", l.hostfile)
		}
	}
	if l.tcpIf != "" {
		if l.transport != "tcp" {
			return errors.New("--tcp-if chooses the interface of --transport tcp, which is not the transport")
		}
		for _, item := range strings.Split(l.tcpIf, ",") {
			if err := checkInterface(item); err != nil {
				return err
			}
		}
	}
	_, err := mpirunPath(l.mpirun)
	return err
}

// hasHost reports whether a hostfile's text names a host: a line that is
// not blank or a comment.
func hasHost(text string) bool {
	for _, line := range strings.Split(text, "\n") {
		if line, _, _ = strings.Cut(line, "#"); strings.TrimSpace(line) != "" {
			return true
		}
	}
	return false
}

// checkInterface accepts what OpenMPI's btl_tcp_if_include does: the name
// of an interface (of this host; the others are expected to have it too)
// or a subnet in CIDR notation.
func checkInterface(name string) error {
	if _, _, err := net.ParseCIDR(name); err == nil {
		return nil
	}
	if _, err := net.InterfaceByName(name); err == nil {
		return nil
	}
	var names []string
	if ifs, err := net.Interfaces(); err == nil {
		for _, i := range ifs {
			names = append(names, i.Name)
		}
	}
	return fmt.Errorf("--tcp-if: this host has no network interface %q (it has %s; a subnet such as 10.0.0.0/24 also works)",
		name, strings.Join(names, ", "))
}

// placeProgram returns the path to launch bin from, and what to do once
// the job has ended: bin itself on one host; with a hostfile a copy in dir
// (default the current directory), since the build cache is this host's
// own and the other hosts need the program at the same path. The copy is
// this run's alone (runs of one program at the same time each have their
// own) and is removed when the job has ended, every rank with it: nothing
// accumulates in dir.
func (l mpiLaunch) placeProgram(bin string) (string, func(), error) {
	if l.hostfile == "" && l.programDir == "" {
		return bin, func() {}, nil
	}
	dir := l.programDir
	if dir == "" {
		dir = "."
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", nil, err
	}
	// The cache key in the name says which build it is.
	dst, err := copyFile(bin, dir, filepath.Base(bin)+"-"+filepath.Base(filepath.Dir(bin))+"-")
	if err != nil {
		return "", nil, fmt.Errorf("copying the program for the other hosts: %v", err)
	}
	return dst, func() { os.Remove(dst) }, nil
}

// copyFile copies the executable src into dir, under a new name that
// starts with prefix, through a temporary file so that the copy is
// complete whenever it has its name, and returns its path.
func copyFile(src, dir, prefix string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(dir, "."+prefix+"*.tmp")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Chmod(0o755); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	// The temporary name's random part makes the copy's name unique.
	dst := filepath.Join(dir, strings.TrimSuffix(strings.TrimPrefix(filepath.Base(tmp.Name()), "."), ".tmp"))
	return dst, os.Rename(tmp.Name(), dst)
}

// run launches the job and waits for it, at most timeout plus a grace
// period for start-up and the final gather. An interrupt reaches the
// ranks as the SIGUSR1 mpirun forwards to them (SIGINT or SIGTERM would
// make mpirun kill the job before rank 0 reports); see job for the rest.
func (l mpiLaunch) run(n int, prog string, progArgs []string, timeout time.Duration, stdout, stderr io.Writer) error {
	mpirun, err := mpirunPath(l.mpirun)
	if err != nil {
		return err
	}
	prog, remove, err := l.placeProgram(prog)
	if err != nil {
		return err
	}
	defer remove()
	args, err := l.args(n, prog, progArgs)
	if err != nil {
		return err
	}
	watch := newStderrWatch(stderr, true)
	cmd := exec.Command(mpirun, args...)
	cmd.Stdout, cmd.Stderr = stdout, watch
	j := job{
		cmd:      cmd,
		forward:  func(p *os.Process) error { return p.Signal(syscall.SIGUSR1) },
		grace:    interruptGrace,
		deadline: timeout + 30*time.Second,
	}
	out, err := j.run()
	watch.Close()
	return mpiStatus(err, out, watch, func(msg string) { fmt.Fprintln(stderr, "dsac:", msg) })
}
