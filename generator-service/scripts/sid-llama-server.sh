#!/bin/sh
# Runs llama.cpp's OpenAI-compatible llama-server from Debian sid packages, without installing
# them: sid is the only Debian suite that has it and it needs sid's newer glibc, so the packages
# are downloaded (apt-get download, private apt state), unpacked with dpkg-deb into $DIR and
# started through sid's own dynamic loader. Arguments go to llama-server.
#   EVALSTREAM_LLAMA_SERVER=generator-service/scripts/sid-llama-server.sh mvn -pl generator-service test -Dtest=LlamaServerTest
# sid moves constantly: if a package name changes, this fails loudly and the test says so.
set -eu
DIR=${EVALSTREAM_SID_DIR:-/tmp/evalstream-sid}
L=$DIR/root/usr/lib/x86_64-linux-gnu
if [ ! -x "$DIR/root/usr/bin/llama-server" ]; then
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
  apt-get -qq update >&2
  (cd "$DIR/pkgs" && apt-get -qq download llama.cpp-tools libllama0 libggml0 libc6 libgcc-s1 libstdc++6 libssl3t64 libgomp1 >&2)
  for d in "$DIR"/pkgs/*.deb; do dpkg-deb -x "$d" "$DIR/root"; done
  # ggml looks for its CPU backends beside the "executable", which is the loader here
  for f in "$L"/ggml/backends0/*.so; do ln -sf "$f" "$L/"; done
fi
exec "$L/ld-linux-x86-64.so.2" --library-path "$L:$L/llama" "$DIR/root/usr/bin/llama-server" "$@"
