#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, once per machine:
# Debian's Chromium (Playwright drives it; `npx playwright install` cannot work here) and a real
# LiveKit server built with `go install` for the video tests.
set -euo pipefail

LIVEKIT_VERSION="${LIVEKIT_VERSION:-v1.9.11}"
TOOLS="${OCOP_TOOLS:-$HOME/.cache/ocop-tools}"
mkdir -p "$TOOLS"

if [ ! -x /usr/bin/chromium ]; then
	echo "Installing Chromium from Debian…"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq chromium fonts-noto-core >/dev/null
fi
/usr/bin/chromium --version

# The pages name Noto Sans and its symbol fonts first (src/app.css): without them every first
# layout searched the installed fonts for Vietnamese text and the symbols. A machine that got
# Chromium some other way still needs them.
if ! fc-list 2>/dev/null | grep -q "Noto Sans Symbols2"; then
	echo "Installing the Noto fonts from Debian…"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq fonts-noto-core >/dev/null
fi

# pdftotext reads the generated PDFs back in the documents tests.
if ! command -v pdftotext >/dev/null; then
	echo "Installing poppler-utils from Debian…"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq poppler-utils >/dev/null
fi

# zbarimg reads the certificates' QR codes back in the documents tests.
if ! command -v zbarimg >/dev/null; then
	echo "Installing zbar-tools from Debian…"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq zbar-tools >/dev/null
fi

LK="$TOOLS/livekit-server-$LIVEKIT_VERSION"
if [ ! -x "$LK" ]; then
	echo "Building livekit-server $LIVEKIT_VERSION with go install (several minutes the first time)…"
	GOBIN="$TOOLS/gobin" go install "github.com/livekit/livekit-server/cmd/server@$LIVEKIT_VERSION"
	mv "$TOOLS/gobin/server" "$LK"
fi
ln -sf "$LK" "$TOOLS/livekit-server"
"$TOOLS/livekit-server" --version
