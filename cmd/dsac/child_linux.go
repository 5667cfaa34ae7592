package main

import "syscall"

// jobAttr puts a job in a process group of its own. Should dsac itself
// be killed (SIGKILL cannot be caught), the kernel sends the job's leader
// SIGTERM, on which mpirun ends its ranks and a program ends its run.
func jobAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
