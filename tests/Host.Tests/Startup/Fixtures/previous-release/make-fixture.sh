#!/usr/bin/env bash
# Makes ksquery.db.gz (the LiteDB file, gzipped: mostly empty pages) and expected.json of this folder with a built host of the PREVIOUS release (the one before the store
# was versioned: main 28d6fde). Usage: make-fixture.sh <path of that release's KsQuery.Host.dll>
# It runs the flow with curl on a fresh data directory (Argon2 sized down as the tests size it), stops the host with
# SIGTERM (usage written), and keeps only the LiteDB file and what the test expects to find in it.
set -euo pipefail
dll=${1:?usage: make-fixture.sh PATH-OF-THE-PREVIOUS-RELEASE-KsQuery.Host.dll}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

KSQUERY_DATA="$work/data" KSQUERY_PLUGINS="$work/no-plugins" ASPNETCORE_URLS=http://127.0.0.1:0 \
Keys__Argon2__MemoryKiB=1024 Keys__Argon2__Iterations=1 Keys__Argon2__Parallelism=1 \
Plugins__kalp__Blocks=240 Plugins__kalp__BlockIntervalSeconds=0 \
  dotnet "$dll" >"$work/log" 2>&1 &
pid=$!
url=
for _ in $(seq 1 600); do
  url=$(grep -o 'Now listening on: http://[0-9.:]*' "$work/log" | head -1 | sed 's/Now listening on: //') || true
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { cat "$work/log" >&2; exit 1; }

pw='fixture password 1'
j() { jq -r "$1"; }
post() { curl -sf -X POST "$url$1" -H 'content-type: application/json' "${@:3}" -d "$2"; }
post /v1/accounts '{"email":"owner@example.com","password":"'"$pw"'"}' >/dev/null
post /v1/accounts '{"email":"dev@example.com","password":"'"$pw"'"}' >/dev/null
owner=$(post /v1/auth/login '{"email":"owner@example.com","password":"'"$pw"'"}' | j .accessToken)
dev=$(post /v1/auth/login '{"email":"dev@example.com","password":"'"$pw"'"}' | j .accessToken)
auth=(-H "authorization: Bearer $owner")
curl -sf -X PUT "$url/v1/me/selection" "${auth[@]}" -H 'content-type: application/json' -d '{"chain":"kalp","network":"testnet"}' >/dev/null
created=$(post /v1/keys '{"name":"fixture-key","description":"made by the previous release","monthlyQuota":1000}' "${auth[@]}")
key=$(echo "$created" | j .key); key_id=$(echo "$created" | j .id)
revoked=$(post /v1/keys '{"name":"revoked-key"}' "${auth[@]}")
revoked_key=$(echo "$revoked" | j .key); revoked_id=$(echo "$revoked" | j .id)
post "/v1/keys/$revoked_id/revoke" '{}' "${auth[@]}" >/dev/null
for _ in 1 2 3 4 5 6 7; do curl -sf "$url/v1/kalp/testnet/network" -H "x-api-key: $key" >/dev/null; done
for _ in 1 2; do curl -s -o /dev/null "$url/v1/kalp/testnet/no-such-api" -H "x-api-key: $key"; done
curl -s -o /dev/null "$url/v1/kalp/testnet/network" -H "x-api-key: $revoked_key"
team=$(post /v1/teams '{"name":"fixture-team"}' "${auth[@]}" | j .id)
invitation=$(post "/v1/teams/$team/invitations" '{"email":"dev@example.com","role":"developer"}' "${auth[@]}" | j .token)
post /v1/invitations/accept '{"token":"'"$invitation"'"}' -H "authorization: Bearer $dev" >/dev/null
summary=$(curl -sf "$url/v1/usage/summary" "${auth[@]}")
audit=$(curl -sf "$url/v1/audit?size=100" "${auth[@]}" | j .total)

kill -TERM "$pid"; wait "$pid" || { echo "the host did not stop cleanly" >&2; exit 1; }
pid=
gzip -9 -n <"$work/data/ksquery.db" >"$here/ksquery.db.gz"
jq -n --arg password "$pw" --arg key "$key" --arg keyId "$key_id" --arg revokedKey "$revoked_key" --arg revokedId "$revoked_id" \
  --arg teamId "$team" --argjson summary "$summary" --argjson audit "$audit" \
  '{password: $password, owner: "owner@example.com", member: "dev@example.com", key: $key, keyId: $keyId,
    revokedKey: $revokedKey, revokedKeyId: $revokedId, teamId: $teamId, auditTotal: $audit,
    requests: $summary.requests, errors: $summary.errors}' >"$here/expected.json"
echo "wrote $here/ksquery.db.gz ($(wc -c <"$here/ksquery.db.gz") bytes) and expected.json"
