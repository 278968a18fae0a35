#!/bin/sh
# Fuzzes the stack walk with damaged memory images (Tests/PythonIntrospectionTests/Fuzz): every layout from fake
# interpreters and every installed interpreter from a live process, IMAGES damaged images each, from a random
# first seed (printed, so a failure can be replayed with SWIFTSPY_FUZZ_SEED). Prints one line per base image and
# the total.
#
#     scripts/fuzz.sh [IMAGES_PER_BASE]     (default 48000: about a million images over 21 base images)
set -eu
cd "$(dirname "$0")/.."
images=${1:-48000}
seed=${SWIFTSPY_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "fuzz: $images images per base image, first seed $seed"
swift build --build-tests >/dev/null
log=$(mktemp)
status=0
SWIFTSPY_FUZZ_IMAGES=$images SWIFTSPY_FUZZ_SEED=$seed \
    swift test --skip-build --filter 'WalkFuzzTests' >"$log" 2>&1 || status=$?
grep '^Fuzz: ' "$log" || true
grep -E '^✘' "$log" | head -20 || true
total=$(sed -n 's/^Fuzz: .* pages, \([0-9]*\) images:.*/\1/p' "$log" | awk '{ s += $1 } END { print s + 0 }')
echo "fuzz: $total images in total; swift test exited $status (log: $log)"
exit $status
