# What Matters. `make run` builds and starts the app; `make test` runs every test.
# Both install what they need first (scripts/deps.sh) and skip what is there.

WAILS   := go run github.com/wailsapp/wails/v2/cmd/wails@v2.11.0
STATICCHECK := go run honnef.co/go/tools/cmd/staticcheck@v0.8.2
BIN     := build/bin/whatmatters
DEVBIN  := build/bin/whatmatters-dev
GOFLAGS_PROD := -tags desktop,production,webkit2_41 -trimpath -ldflags "-w -s"
export WAILS

.PHONY: run build deps deps-test deps-installer frontend bindings test test-go test-print test-frontend test-bindings \
	test-windows test-e2e test-smoke test-window installer test-installer bench lint clean

run: deps build
	./$(BIN)

build: frontend
	go build $(GOFLAGS_PROD) -o $(BIN) .

deps:
	@scripts/deps.sh run

deps-test:
	@scripts/deps.sh test

deps-installer:
	@scripts/deps.sh installer

frontend:
	cd frontend && npm run build --silent

bindings:
	$(WAILS) generate module

test: deps-test lint test-go test-frontend test-bindings test-windows test-e2e test-smoke test-window test-installer
	@echo "make test: all passed"

lint:
	@test -z "$$(gofmt -l . | grep -v '^frontend/')" || { gofmt -l . ; echo "gofmt needed"; exit 1; }
	go vet ./...
	$(STATICCHECK) ./...
	cd frontend && npx prettier --check src --log-level warn && npm run check --silent

# WHATMATTERS_TEST_CUPS=1: also print through a private CUPS scheduler to a
# CUPS-PDF queue (as root; skipped otherwise). CI=true does the same.
test-go:
	WHATMATTERS_TEST_CUPS=1 go test -race -count=1 ./...

# Printing only: the fake-lp tests and the real CUPS one.
test-print:
	WHATMATTERS_TEST_CUPS=1 go test -race -count=1 -run 'Print|CUPS|Folder' . ./internal/cli/ ./internal/printing/ ./internal/sysprint/

test-frontend:
	cd frontend && npx vitest run

test-bindings:
	scripts/check-bindings.sh

test-windows:
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -tags desktop,production -o /dev/null .
	@echo "windows cross-build: ok"

$(DEVBIN): frontend
	go build -tags dev,webkit2_41 -o $(DEVBIN) .

test-e2e: frontend
	go build -tags dev,webkit2_41 -o $(DEVBIN) .
	node --test --test-concurrency=1 e2e/

test-smoke: build
	scripts/smoke.sh $(BIN)

# The window opens where it was left (Xvfb, the production binary).
test-window: build
	scripts/test-window.sh $(BIN)

# The installers, in build/installer: the Linux .deb and the signed Windows
# x64 installer (signing: WHATMATTERS_SIGN_P12 and WHATMATTERS_SIGN_PASSWORD,
# else a throwaway test certificate; see scripts/windows.sh).
installer: deps-installer build
	scripts/deb.sh $(BIN)
	scripts/windows.sh

# Installs the .deb (as root, or in CI), smoke-tests the installed copy and
# removes it; checks the Windows installer's signatures and version.
test-installer: installer
	scripts/test-installer.sh
	scripts/test-windows-installer.sh

bench: build
	go test -run '^$$' -bench 'SearchAsYouType|FindRecord|SaveField' -benchtime 1000x -benchmem ./internal/sqlite/
	go test -run '^$$' -bench 'VerifyIntegrity|Backup' -benchtime 3x ./internal/sqlite/
	go test -run '^$$' -bench . -benchtime 5x ./internal/vault/
	go test -run '^$$' -bench . -benchtime 20x -count 3 ./internal/planpdf/
	go test -run '^$$' -bench ExportPDF -benchtime 20x -count 3 ./internal/cli/
	go test -run '^$$' -bench '^BenchmarkSync$$' -benchtime 1x -timeout 60m ./internal/cli/
	scripts/bench-startup.sh $(BIN)

clean:
	rm -rf build/bin test-output frontend/dist/assets frontend/dist/index.html
