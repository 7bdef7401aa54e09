package database

import (
	"testing"
	"time"
)

func TestLater(t *testing.T) {
	t.Run("OnStart", func(t *testing.T) {
		ran := make(chan struct{}, 2)
		start := Later(time.Hour, func() { ran <- struct{}{} })
		start()
		start()
		<-ran
		select {
		case <-ran:
			t.Error("ran twice")
		case <-time.After(50 * time.Millisecond):
		}
	})
	t.Run("AfterWait", func(t *testing.T) {
		ran := make(chan struct{})
		Later(10*time.Millisecond, func() { close(ran) })
		select {
		case <-ran:
		case <-time.After(5 * time.Second):
			t.Error("never ran without start")
		}
	})
}
