package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"

	dsac "github.com/dsac-lang/dsac"
	"github.com/dsac-lang/dsac/codegen"
)

func newBuildCmd(stderr io.Writer) *cobra.Command {
	var out string
	var mpi bool
	cmd := &cobra.Command{
		Use:   "build FILE -o BIN",
		Short: "build a self-contained program that runs the algorithm",
		Long: `build compiles FILE into a program that runs on its own:
  ./BIN -n 5 [--param k=v] [--seed S] [--timeout D] [--json] [--backend channel]
It needs the Go toolchain (go on PATH) but nothing from the network.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return usage(cmd, "build needs -o BIN")
			}
			_, err := buildProgram(args[0], out, mpi, stderr)
			return err
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "path of the program to write")
	cmd.Flags().BoolVar(&mpi, "mpi", false, "build with the MPI backend (needs OpenMPI's libopenmpi-dev)")
	return cmd
}

func usage(cmd *cobra.Command, msg string) error {
	fmt.Fprintf(cmd.ErrOrStderr(), "dsac %s: %s\n", cmd.Name(), msg)
	fmt.Fprint(cmd.ErrOrStderr(), cmd.UsageString())
	return exitError{2}
}

// generateProgram checks path and returns the algorithm's name and the
// source of its program package.
func generateProgram(path string, stderr io.Writer) (string, []byte, error) {
	alg, err := load(path, stderr)
	if err != nil {
		return "", nil, err
	}
	code, err := codegen.Generate(alg, codegen.Options{
		Source:      filepath.ToSlash(filepath.Base(path)),
		PackagePath: codegen.ProgramModule + "/" + alg.Name,
	})
	if err != nil {
		fmt.Fprintln(stderr, "dsac:", err)
		return "", nil, exitError{2}
	}
	return alg.Name, code, nil
}

// buildProgram builds the program of the .dsa file at path into out.
func buildProgram(path, out string, mpi bool, stderr io.Writer) (string, error) {
	name, code, err := generateProgram(path, stderr)
	if err != nil {
		return "", err
	}
	return name, goBuild(name, code, out, mpi, stderr)
}

// goBuild lays out the program module in a temporary directory and runs
// go build in it. An interrupt ends the build (go build is a job, see job)
// and leaves neither the directory nor a part of out behind.
func goBuild(name string, code []byte, out string, mpi bool, stderr io.Writer) error {
	// Caught from before the directory exists, so that none is left.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	dir, err := os.MkdirTemp("", "dsac-build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := codegen.WriteProgram(dir, name, code, dsac.Runtime); err != nil {
		return err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	args := []string{"build", "-o", abs}
	if mpi {
		args = append(args, "-tags", "mpi")
	}
	args = append(args, ".")
	goCmd := exec.Command("go", args...)
	goCmd.Dir = dir
	// go's own work directory goes inside dir, so that it goes with dir
	// even when go build is interrupted before it removes it.
	gotmp := filepath.Join(dir, ".gotmp")
	if err := os.Mkdir(gotmp, 0o755); err != nil {
		return err
	}
	goCmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "GOTMPDIR="+gotmp)
	goCmd.Stdout = stderr
	goCmd.Stderr = stderr
	var outcome outcome
	select {
	case <-sigs:
		outcome.interrupted = true
	default:
		// go build and the compilers it starts are one process group.
		forward := func(p *os.Process) error { return syscall.Kill(-p.Pid, syscall.SIGINT) }
		outcome, err = job{cmd: goCmd, forward: forward, grace: interruptGrace}.run()
		select {
		case <-sigs: // also during the build, or just after it
			outcome.interrupted = true
		default:
		}
	}
	if outcome.interrupted {
		os.Remove(abs)
		fmt.Fprintf(stderr, "dsac: the build of %s was interrupted\n", name)
		return exitError{1}
	}
	if err != nil {
		fmt.Fprintf(stderr, "dsac: go build of %s failed: %v\n", name, err)
		if mpi {
			fmt.Fprintln(stderr, "dsac: building with MPI needs OpenMPI's libopenmpi-dev and pkg-config (scripts/mpi/install.sh installs them)")
		}
		return exitError{2}
	}
	return nil
}

// runtimeHash identifies the embedded runtime, so cached programs are
// rebuilt when dsac changes.
func runtimeHash() string {
	h := sha256.New()
	_ = fs.WalkDir(dsac.Runtime, "runtime", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := fs.ReadFile(dsac.Runtime, path)
			fmt.Fprintf(h, "%s %d\n", path, len(data))
			h.Write(data)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))
}
