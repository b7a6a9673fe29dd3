#!/usr/bin/env bash
# A tour of the vobridge CLI in a batch script: log in without a terminal,
# use the token with curl, move files through VOSpace, run a UWS job, log out.
#
#   VOBRIDGE_PASSWORD=... ./vobridge-tour.sh http://127.0.0.1:8765 alice
#
# Every vobridge command exits non-zero on failure (2: log in again,
# 3: not found, 5: broker/platform unreachable, 7: remote failure, ...),
# so `set -e` stops the script at the first problem.
set -euo pipefail

platform=${1:?usage: vobridge-tour.sh <platform-url> <user>}
user=${2:?usage: vobridge-tour.sh <platform-url> <user>}
: "${VOBRIDGE_PASSWORD:?set VOBRIDGE_PASSWORD (never pass a password as an argument)}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Log in (this starts the broker in the background if none runs).
printf '%s\n' "$VOBRIDGE_PASSWORD" | vobridge login "$platform" -u "$user" --password-stdin
vobridge status

# A token for plain HTTP tools: ask for one valid at least 5 minutes.
curl -fsS -H "Authorization: Bearer $(vobridge token "$platform/ac/whoami" --min-valid 300)" "$platform/ac/whoami"
echo

# VOSpace: upload, list, download, compare checksums.
printf 'ra,dec\n10.68,41.27\n' > "$work/targets.csv"
vobridge mkdir -p "vos:$user/tour"
vobridge cp "$work/targets.csv" "vos:$user/tour/"
vobridge ls "vos:$user/tour"
vobridge cp "vos:$user/tour/targets.csv" "$work/back.csv"
cmp "$work/targets.csv" "$work/back.csv" && echo "round trip OK"

# UWS: submit a job, wait for it, list its results.
job=$(vobridge jobs submit "$platform/uws/sleep" DURATION=1)
echo "job: $job"
vobridge jobs wait "$job" --timeout 120
vobridge jobs results "$job"

# Clean up and log out.
vobridge rm -r "vos:$user/tour"
vobridge logout "$platform"
