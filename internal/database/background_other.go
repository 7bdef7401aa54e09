//go:build !linux

package database

// lowerPriority does nothing here.
func lowerPriority() {}
