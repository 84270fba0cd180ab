#!/bin/sh
# Runs llama.cpp's OpenAI-compatible llama-server from Debian sid packages, without installing
# them: sid is the only Debian suite that has it and it needs sid's newer glibc, so the packages
# are downloaded (apt-get download, private apt state), unpacked with dpkg-deb into $DIR and
# started through sid's own dynamic loader. Arguments go to llama-server. LlamaServerTest uses it
# by default (EVALSTREAM_LLAMA_SERVER names another launcher, "none" skips the test).
# Exit status 75 (EX_TEMPFAIL) means the server could not be obtained (no apt, no network, a sid
# package renamed): the test then reports itself not run, with this script's message.
set -eu
DIR=${EVALSTREAM_SID_DIR:-/tmp/evalstream-sid}
L=$DIR/root/usr/lib/x86_64-linux-gnu
cannot() { echo "sid-llama-server: cannot obtain llama-server: $*" >&2; exit 75; }
if [ ! -f "$DIR/complete" ]; then
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 || cannot "needs apt-get and dpkg-deb (Debian)"
  [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || cannot "needs Debian's archive keyring"
  rm -rf "$DIR/root" "$DIR/pkgs" "$DIR/lists" "$DIR/cache"  # a partial earlier attempt; only what this script makes
  mkdir -p "$DIR/lists/partial" "$DIR/cache/archives/partial" "$DIR/pkgs"
  echo 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main' > "$DIR/sources.list"
  touch "$DIR/status"
  cat > "$DIR/apt.conf" <<CONF
Dir::Etc::sourcelist "$DIR/sources.list";
Dir::Etc::sourceparts "/nonexistent";
Dir::State::Lists "$DIR/lists";
Dir::Cache "$DIR/cache";
Dir::State::status "$DIR/status";
CONF
  export APT_CONFIG="$DIR/apt.conf"
  apt-get -qq update >&2 || cannot "apt-get update of Debian sid failed"
  (cd "$DIR/pkgs" && apt-get -qq download llama.cpp-tools libllama0 libggml0 libc6 libgcc-s1 libstdc++6 libssl3t64 libgomp1 >&2) \
    || cannot "apt-get download failed (a sid package may have been renamed)"
  for d in "$DIR"/pkgs/*.deb; do dpkg-deb -x "$d" "$DIR/root" || cannot "dpkg-deb could not unpack $d"; done
  # ggml looks for its CPU backends beside the "executable", which is the loader here
  for f in "$L"/ggml/backends0/*.so; do ln -sf "$f" "$L/"; done
  [ -x "$DIR/root/usr/bin/llama-server" ] || cannot "llama.cpp-tools no longer ships usr/bin/llama-server"
  touch "$DIR/complete"
fi
exec "$L/ld-linux-x86-64.so.2" --library-path "$L:$L/llama" "$DIR/root/usr/bin/llama-server" "$@"
