package database

import "syscall"

// lowerPriority makes the calling thread nicer (10): on Linux, a nice
// value belongs to a thread.
func lowerPriority() { _ = syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), 10) }
