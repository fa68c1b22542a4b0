# Témoin — set-up, build, test.
# `make run` and `make test` are the whole set-up on a fresh Debian machine.
# `make deb` builds the Debian package a desk laptop installs (no Swift needed there).

SWIFT      ?= swift
PREFIX     ?= /usr/local
CONFIG     ?= release
BIN         = .build/$(CONFIG)/temoin

# The version, written once in Sources/temoin/BuildInfo.swift (what `temoin --version` prints).
VERSION    := $(shell sed -n 's/^ *static let version = "\(.*\)"$$/\1/p' Sources/temoin/BuildInfo.swift)
# The commit a release build embeds for `temoin --version` ("-dirty" with uncommitted changes; none outside git).
COMMIT      = $(shell c=$$(git rev-parse --short=12 HEAD 2>/dev/null) && { git diff --quiet HEAD 2>/dev/null || c=$$c-dirty; echo $$c; })
# The date printed in the manual pages: the last commit's, so that a rebuild gives the same pages.
MAN_DATE    = $(shell git log -1 --format=%cs 2>/dev/null || date +%F)
# Release builds link the Swift runtime statically: a desk needs only Debian's libraries, not a toolchain.
BUILD_FLAGS = -c $(CONFIG) --product temoin --static-swift-stdlib

# Where `make install` puts things under $(PREFIX); the Debian package is the same tree with PREFIX=/usr.
MAN_PAGES   = .build/plugins/GenerateManual/outputs/temoin
ZSH_DIR     = $(if $(filter /usr,$(PREFIX)),share/zsh/vendor-completions,share/zsh/site-functions)
ARCH       := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB         = temoin_$(VERSION)_$(ARCH).deb
DEB_ROOT    = .build/deb-root
DEB_MAINTAINER ?= Témoin maintainers <temoin@invalid>

# Debian packages the build and the tests need.
APT_PACKAGES = libsodium-dev libssl-dev libncursesw5-dev libsqlite3-dev libxlsxwriter-dev libmagic-dev libexif-dev pkg-config tmux python3-nacl python3-openpyxl chromium tzdata time sqlite3 dpkg-dev binutils fiu-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build man run test install uninstall deb clean

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

## build: release build of the temoin executable (Swift runtime linked in, the commit embedded)
build: deps
	TEMOIN_BUILD_COMMIT=$(COMMIT) $(SWIFT) build $(BUILD_FLAGS)

## man: the manual pages, from the command-line definitions (swift-argument-parser's generate-manual plugin)
man: deps
	rm -rf $(MAN_PAGES)
	$(SWIFT) package plugin generate-manual --configuration debug --multi-page --date $(MAN_DATE)
	@# generate-manual (1.8) drops every non-ASCII character: say which help texts lose some.
	@.build/debug/temoin --experimental-dump-help | grep -oP '.{0,30}[^\x00-\x7F]+.{0,10}' \
	  | sed 's/^/warning: the manual pages lose the non-ASCII characters of: /' || true

## run: set up, build, start the desk UI on the default vault
run: build
	$(BIN)

## test: set up, then every test (unit and end-to-end)
# --verbose keeps every test's output in .build/test.log, where Scripts/test-summary counts the skipped tests;
# the screen shows the progress and the problems.
test: deps
	$(SWIFT) build --build-tests
	$(MAKE) deb
	@rm -f .build/xunit.xml .build/test.log .build/test.status
	@{ TEMOIN_BIN=$(CURDIR)/.build/debug/temoin TEMOIN_DEB=$(CURDIR)/$(DEB) $(SWIFT) test --skip-build --parallel --num-workers 2 --verbose \
	  --xunit-output .build/xunit.xml 2>&1; echo $$? > .build/test.status; } | tee .build/test.log \
	  | grep --line-buffered -E "^\[[0-9]+/[0-9]+\] Testing|error:|Test skipped|^Test Case .* failed"; \
	  status=$$(cat .build/test.status); Scripts/test-summary .build/xunit.xml .build/test.log || status=1; exit $$status

## install: temoin in $(PREFIX)/bin, its files in $(PREFIX)/share/temoin, manual pages, bash/zsh/fish completions
install: build man
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/temoin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/$(ZSH_DIR) \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -s -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/temoin
	install -m 0644 .build/$(CONFIG)/Temoin_*.resources/* $(DESTDIR)$(PREFIX)/share/temoin/
	for page in $(MAN_PAGES)/*.1; do gzip -9n < $$page > $(DESTDIR)$(PREFIX)/share/man/man1/$$(basename $$page).gz; done
	$(BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/temoin
	$(BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/$(ZSH_DIR)/_temoin
	$(BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/temoin.fish
	@# Written through the shell, these files take the umask's mode: 0666 under umask 000, a completion script any
	@# user could then change and every user's shell would run.
	chmod 0644 $(DESTDIR)$(PREFIX)/share/man/man1/temoin.*1.gz $(DESTDIR)$(PREFIX)/share/bash-completion/completions/temoin \
	  $(DESTDIR)$(PREFIX)/$(ZSH_DIR)/_temoin $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/temoin.fish

## uninstall: remove what `make install` installed (user data stays)
uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/temoin $(DESTDIR)$(PREFIX)/share/temoin $(DESTDIR)$(PREFIX)/share/man/man1/temoin.*1.gz \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/temoin $(DESTDIR)$(PREFIX)/$(ZSH_DIR)/_temoin \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/temoin.fish

## deb: temoin_VERSION_ARCH.deb, the `make install` tree for /usr; Depends: from the libraries the binary links
deb: deps
	rm -rf $(DEB_ROOT)
	$(MAKE) install DESTDIR=$(CURDIR)/$(DEB_ROOT) PREFIX=/usr CONFIG=release
	install -d $(DEB_ROOT)/DEBIAN
	Scripts/deb-control $(DEB_ROOT) "$(VERSION)" "$(ARCH)" "$(DEB_MAINTAINER)" > $(DEB_ROOT)/DEBIAN/control
	dpkg-deb --build --root-owner-group $(DEB_ROOT) $(DEB)

clean:
	rm -rf .build temoin_*.deb

# --- Campaigns and fuzzing (Docs/RELIABILITY.md) ---
.PHONY: campaign fuzz

## campaign: the full crash, full-disk, tamper, secrets, concurrency, chaos and fault campaigns (TEMOIN_CAMPAIGN=full)
campaign: deps
	Scripts/campaign

## fuzz: build each libFuzzer target (.build-fuzz) and run it FUZZ_SECONDS from Fuzz/corpus
fuzz: deps
	Scripts/fuzz

# --- Benchmarks (Docs/PERFORMANCE.md) ---

.PHONY: bench
## bench: the release build `make build` makes (what a desk runs), then every measure of Docs/PERFORMANCE.md
## on 100,000 generated records (bench-out/)
bench: CONFIG = release
bench: build
	@# The same flags as `make build`: other flags would rebuild every module a second time.
	$(SWIFT) build -c release --product temoin-bench --static-swift-stdlib
	.build/release/temoin-bench run --temoin $(CURDIR)/.build/release/temoin \
	  --reader $(CURDIR)/Scripts/temoin_reader.py --out $(CURDIR)/bench-out
