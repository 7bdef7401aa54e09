package main

import (
	"testing"

	"whatmatters/internal/desktop"
)

func TestSingleInstance(t *testing.T) {
	const path = "/home/sam/.config/WhatMatters/whatmatters.db"
	got := singleInstance(path, NewApp(Services{}, "", nil))
	if got.UniqueId != desktop.InstanceID(path) {
		t.Errorf("id %q: want the database's, %q", got.UniqueId, desktop.InstanceID(path))
	}
	if got.OnSecondInstanceLaunch == nil {
		t.Error("a second start does not bring the window forward")
	}
}
