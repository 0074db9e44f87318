#!/usr/bin/env bash
# docs/deploy.md, end to end on one Debian machine (as root): a throw-away PostgreSQL cluster, strideback in
# server mode on gunicorn with two workers, a person and a clinician, a redeemed share; then checks that
# both can sign in (curl, a cookie jar and the CSRF token), that the person's check-in is stored, and that
# the clinician's /api/people lists the person. Everything is stopped and deleted at the end.
# Plain HTTP on loopback (--insecure-http): in production put Caddy or nginx with TLS in front.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
port_pg=${DEPLOY_PG_PORT:-55433}
port_web=${DEPLOY_WEB_PORT:-58080}
password="a long enough passphrase 42"
work=$(mktemp -d /tmp/strideback-deploy.XXXXXX)
pgbin=$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1)")
server_pid=""

cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "deploy-example: FAILED: $*" >&2; [ -f "$work/server.log" ] && tail -n 30 "$work/server.log" >&2; exit 1; }

echo "== 1. PostgreSQL (throw-away cluster on 127.0.0.1:$port_pg)"
chmod 711 "$work"  # postgres may pass through to its own folder
mkdir -p "$work/pg" && chown postgres "$work/pg"
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -w -l "$work/pg/server.log" \
  -o "-p $port_pg -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
runuser -u postgres -- "$pgbin/createdb" -h 127.0.0.1 -p "$port_pg" -U postgres strideback

export STRIDEBACK_DATABASE_URL="postgresql://postgres@127.0.0.1:$port_pg/strideback"
export STRIDEBACK_PUBLIC_URL="http://127.0.0.1:$port_web"
export STRIDEBACK_HOME="$work/home"  # the secret key lives here; give every app server the same one
sb() { "$python" -m strideback "$@"; }

echo "== 2. accounts: a person and a clinician, and a share the clinician redeems"
sb user add ann@example.org --role person >/dev/null
sb user add dr@example.org --role clinician >/dev/null
for who in ann@example.org dr@example.org; do
  printf '%s\n' "$password" | sb user set-password "$who" --password-stdin >/dev/null
done
code=$(sb share invite ann@example.org | grep -oE '[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}' | head -n 1)
[ -n "$code" ] || fail "no share code"
sb share accept "$code" --clinician dr@example.org >/dev/null

echo "== 3. strideback serve --server --workers 2 on 127.0.0.1:$port_web"
# not through sb(): $! must be the process that becomes gunicorn, so that cleanup stops it
"$python" -m strideback serve --server --bind "127.0.0.1:$port_web" --workers 2 --insecure-http >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$STRIDEBACK_PUBLIC_URL/accounts/login/" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server stopped"
  sleep 0.5
done
curl -fsS -o /dev/null "$STRIDEBACK_PUBLIC_URL/accounts/login/" || fail "the server does not answer"

sign_in() {  # $1 email, $2 cookie jar
  local token
  token=$(curl -fsS -c "$2" -b "$2" "$STRIDEBACK_PUBLIC_URL/accounts/login/" |
    grep -oE 'name="csrfmiddlewaretoken" value="[^"]+"' | head -n 1 | sed 's/.*value="//; s/"$//')
  curl -fsS -o /dev/null -c "$2" -b "$2" -d "csrfmiddlewaretoken=$token" \
    --data-urlencode "username=$1" --data-urlencode "password=$password" "$STRIDEBACK_PUBLIC_URL/accounts/login/"
  grep -q sessionid "$2" || fail "$1 could not sign in"
}
csrf_of() { awk '$6 == "csrftoken" {print $7}' "$1"; }

echo "== 4. the person signs in, sees Today and checks in through the API"
sign_in ann@example.org "$work/ann.jar"
curl -fsS -b "$work/ann.jar" "$STRIDEBACK_PUBLIC_URL/" | grep -q "Morning check-in" || fail "Ann's Today"
today=$(date +%F)
status=$(curl -sS -o "$work/checkin.json" -w '%{http_code}' -b "$work/ann.jar" -c "$work/ann.jar" \
  -H "X-CSRFToken: $(csrf_of "$work/ann.jar")" -H "Content-Type: application/json" \
  -H "Idempotency-Key: deploy-example-$today" \
  -d "{\"date\": \"$today\", \"leg_pain\": 3, \"back_pain\": 2, \"reach\": \"thigh\"}" \
  "$STRIDEBACK_PUBLIC_URL/api/checkins")
[ "$status" = 201 ] || fail "check-in answered $status"

echo "== 5. the clinician signs in and /api/people lists the person"
sign_in dr@example.org "$work/dr.jar"
curl -fsS -b "$work/dr.jar" "$STRIDEBACK_PUBLIC_URL/api/people" >"$work/people.json"
grep -q '"ann@example.org"' "$work/people.json" || fail "/api/people does not list Ann"
curl -fsS -b "$work/dr.jar" "$STRIDEBACK_PUBLIC_URL/clinic/" | grep -q "ann@example.org" || fail "/clinic/"

echo "deploy-example: OK (PostgreSQL, 2 workers, a person and a clinician, a redeemed share)"
