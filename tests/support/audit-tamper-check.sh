#!/usr/bin/env bash
# End to end on a PostgreSQL server: `npm run audit:verify` passes on an intact chain and, after a
# superuser edits a row with the append-only trigger disabled, fails naming that row.
# Needs TEST_DATABASE_URL (a role that may create databases) and psql.
set -euo pipefail

base=${TEST_DATABASE_URL:?set TEST_DATABASE_URL}
name="ambit_audit_check_$$"
psql -q "$base" -c "create database $name"
trap 'psql -q "$base" -c "drop database if exists $name with (force)"' EXIT
export DATABASE_URL="${base%/*}/$name"

npm run -s admin:create -- --email first@check.example --name "First Admin" --organization "Check GmbH" >/dev/null
npm run -s admin:create -- --email second@check.example --name "Second Admin" >/dev/null
npm run -s audit:verify

psql -q "$DATABASE_URL" <<'SQL'
alter table audit_events disable trigger audit_events_no_update_delete;
update audit_events set details = '{"role": "compliance_officer"}' where seq = 1;
alter table audit_events enable trigger audit_events_no_update_delete;
SQL

if output=$(npm run -s audit:verify 2>&1); then
  echo "audit:verify passed on a tampered chain" >&2
  exit 1
fi
echo "$output"
grep -q "BROKEN at sequence 1" <<<"$output"
echo "audit:verify names the tampered row: ok"
