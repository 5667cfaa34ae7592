//go:build !linux

package main

import "syscall"

// jobAttr puts a job in a process group of its own.
func jobAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }
