# Témoin — set-up, build, test.
# `make run` and `make test` are the whole set-up on a fresh Debian machine.

SWIFT      ?= swift
PREFIX     ?= /usr/local
CONFIG     ?= release
BIN         = .build/$(CONFIG)/temoin

# Debian packages the build and the tests need.
APT_PACKAGES = libsodium-dev libncursesw5-dev libsqlite3-dev libxlsxwriter-dev pkg-config tmux python3-nacl python3-openpyxl chromium time sqlite3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test install uninstall clean

all: build

## deps: install the missing system packages (apt-get, with sudo when not root)
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6 is needed: see https://www.swift.org/install/linux/"; exit 1; }

## build: release build of the temoin executable
build: deps
	$(SWIFT) build -c $(CONFIG) --product temoin

## run: set up, build, start the desk UI on the default vault
run: build
	$(BIN)

## test: set up, then every test (unit and end-to-end)
# --verbose keeps every test's output in .build/test.log, where Scripts/test-summary counts the skipped tests;
# the screen shows the progress and the problems.
test: deps
	$(SWIFT) build --build-tests
	@rm -f .build/xunit.xml .build/test.log .build/test.status
	@{ TEMOIN_BIN=$(CURDIR)/.build/debug/temoin $(SWIFT) test --skip-build --parallel --num-workers 2 --verbose \
	  --xunit-output .build/xunit.xml 2>&1; echo $$? > .build/test.status; } | tee .build/test.log \
	  | grep --line-buffered -E "^\[[0-9]+/[0-9]+\] Testing|error:|Test skipped|^Test Case .* failed"; \
	  status=$$(cat .build/test.status); Scripts/test-summary .build/xunit.xml .build/test.log || status=1; exit $$status

## install: copy temoin (and its resource bundles) to $(PREFIX)/bin
install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/temoin
	cp -R .build/$(CONFIG)/*.resources $(DESTDIR)$(PREFIX)/bin/

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/temoin $(DESTDIR)$(PREFIX)/bin/Temoin_*.resources $(DESTDIR)$(PREFIX)/bin/GRDB_*.resources

clean:
	rm -rf .build

# --- Campaigns and fuzzing (Docs/RELIABILITY.md) ---
.PHONY: campaign fuzz

## campaign: the full crash, full-disk, tamper, secrets and concurrency campaigns (TEMOIN_CAMPAIGN=full)
campaign: deps
	Scripts/campaign

## fuzz: build each libFuzzer target (.build-fuzz) and run it FUZZ_SECONDS from Fuzz/corpus
fuzz: deps
	Scripts/fuzz

# --- Benchmarks (Docs/PERFORMANCE.md) ---

.PHONY: bench
## bench: release build, then every measure of Docs/PERFORMANCE.md on 100,000 generated records (bench-out/)
bench: deps
	$(SWIFT) build -c release --product temoin
	$(SWIFT) build -c release --product temoin-bench
	.build/release/temoin-bench run --temoin $(CURDIR)/.build/release/temoin \
	  --reader $(CURDIR)/Scripts/temoin_reader.py --out $(CURDIR)/bench-out
