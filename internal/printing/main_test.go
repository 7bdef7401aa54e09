package printing

import (
	"os"
	"testing"

	"whatmatters/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }
