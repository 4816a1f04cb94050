#!/usr/bin/env bash
# Each test runs in a subshell with its own FO_STATE_DIR and FO_VENV, on purpose:
# shellcheck disable=SC2030,SC2031
# Quick tests of the set-up logic (scripts/_setup.sh) on tiny fake Odoo trees: the
# ODOO_SOURCE forms (folder, tarball, tarball URL, git URL, local bare repository), their reuse, the
# Python 3.11 requirement workaround, the Debian package check, and the project's own
# PostgreSQL cluster (created, started, reached, stopped). Seconds; run first by
# scripts/test. Prints "setup: N passed, M failed" and exits non-zero on a failure.
set -uo pipefail
# shellcheck source=scripts/_common.sh
source "$(dirname "$0")/_common.sh"

T=$(mktemp -d /tmp/fo-setup-test.XXXXXX)
chmod 755 "$T" # the postgres OS user runs the test cluster in it
started=$SECONDS
passed=0
failed=0
skipped=0

cleanup() {
    local dir
    for dir in "$T"/state-*/pg; do
        [ -f "$dir/data/postmaster.pid" ] &&
            as_pg_owner "$(pg_bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
    done
    rm -rf "${T:?}"
}
trap cleanup EXIT

fail() {
    echo "assertion failed: $*"
    return 1
}
# assert COMMAND...: the test fails (its subshell stops) when COMMAND fails.
assert() { "$@" || fail "$*"; }

# run_test NAME: run function test_NAME in a subshell (set -e) with its own state folder.
run_test() {
    local rc
    (
        set -e
        FO_STATE_DIR=$T/state-$1
        FO_VENV=$T/venv-$1
        unset ODOO_SOURCE ODOO_BRANCH
        "test_$1"
    ) >"$T/$1.out" 2>&1
    rc=$?
    case $rc in
    0) passed=$((passed + 1)) ;;
    77)
        skipped=$((skipped + 1))
        say "setup: skipped $1: $(tail -n 1 "$T/$1.out")"
        ;;
    *)
        failed=$((failed + 1))
        say "setup: FAILED $1"
        sed 's/^/    /' "$T/$1.out" >&2
        ;;
    esac
}

# make_tree DIR MAJOR: a fake Odoo tree, with the folders a checkout must leave out.
make_tree() {
    mkdir -p "$1/odoo/addons/base" "$1/addons/sale_management" "$1/odoo/enterprise/x" "$1/custom-addons/y"
    printf "version_info = (%s, 0, 0, FINAL, 0, '')\n" "$2" >"$1/odoo/release.py"
    printf 'cbor2==5.4.2 ; python_version < "3.12"\npytz\n' >"$1/requirements.txt"
    touch "$1/odoo/__init__.py" "$1/odoo-bin" "$1/addons/sale_management/__manifest__.py" "$1/odoo/enterprise/x/secret.py" "$1/custom-addons/y/z.py"
}

make_tree "$T/tree" 19
make_tree "$T/tree18" 18
mkdir -p "$T/nightly/odoo-19.0.post20260101"
make_tree "$T/nightly/odoo-19.0.post20260101" 19
tar -C "$T/nightly" -czf "$T/odoo.tar.gz" odoo-19.0.post20260101
tar -C "$T" -cf "$T/odoo18.tar" tree18
git init -q -b 19.0 "$T/repo"
cp -r "$T/tree/." "$T/repo/"
git -C "$T/repo" add -A
git -C "$T/repo" -c user.name=t -c user.email=t@example.com commit -q -m tree
git clone -q --bare "$T/repo" "$T/bare.git"

test_source_kinds() {
    assert [ "$(source_kind https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz)" = url-tarball ]
    assert [ "$(source_kind https://github.com/odoo/odoo)" = git-remote ]
    assert [ "$(source_kind https://github.com/odoo/odoo.git)" = git-remote ]
    assert [ "$(source_kind git@github.com:odoo/odoo.git)" = git-remote ]
    assert [ "$(source_kind "file://$T/repo")" = git-remote ]
    assert [ "$(source_kind "$T/tree")" = dir ]
    assert [ "$(source_kind "$T/nightly")" = dir ]
    assert [ "$(source_kind "$T/bare.git")" = git-local ]
    assert [ "$(source_kind "$T/odoo.tar.gz")" = tarball ]
    assert [ "$(source_kind "$T/nothing-here")" = missing ]
}

test_source_folder_is_used_in_place() {
    fetch_odoo_source "$T/tree"
    assert [ -L "$FO_STATE_DIR/src" ]
    assert [ "$(readlink "$FO_STATE_DIR/src")" = "$T/tree" ]
    assert [ "$(cat "$FO_STATE_DIR/src.from")" = "$T/tree" ]
}

test_source_tarball_is_unpacked() {
    fetch_odoo_source "$T/odoo.tar.gz"
    assert [ -f "$FO_STATE_DIR/src/odoo/release.py" ]
    assert [ ! -L "$FO_STATE_DIR/src" ]
    assert [ ! -e "$FO_STATE_DIR/src.tmp" ]
    assert [ "$(odoo_tree_major "$FO_STATE_DIR/src")" = 19 ]
}

test_source_url_of_a_tarball_is_downloaded() {
    local port pid
    port=$(free_port)
    "$PYTHON" -m http.server --bind 127.0.0.1 --directory "$T" "$port" >/dev/null 2>&1 &
    pid=$!
    # shellcheck disable=SC2064 # this server's pid, now
    trap "kill $pid" EXIT
    for _ in $(seq 50); do
        curl -fso /dev/null "http://127.0.0.1:$port/" && break
        sleep 0.1
    done
    ODOO_SOURCE=http://127.0.0.1:$port/odoo.tar.gz
    ensure_odoo_source 2>"$T/download"
    assert grep -q "Downloading Odoo from $ODOO_SOURCE" "$T/download"
    assert [ -f "$FO_STATE_DIR/src/odoo/release.py" ]
    assert [ "$(cat "$FO_STATE_DIR/src.from")" = "$ODOO_SOURCE" ]
}

test_source_git_url_is_cloned_shallow() {
    ODOO_SOURCE=file://$T/repo
    ensure_odoo_source
    assert [ -f "$FO_STATE_DIR/src/odoo/release.py" ]
    assert [ "$(git -C "$FO_STATE_DIR/src" rev-parse --is-shallow-repository)" = true ]
    assert [ "$(git -C "$FO_STATE_DIR/src" rev-parse --abbrev-ref HEAD)" = 19.0 ]
}

test_source_bare_git_is_checked_out_without_enterprise() {
    fetch_odoo_source "$T/bare.git"
    assert [ -f "$FO_STATE_DIR/src/odoo/release.py" ]
    assert [ -d "$FO_STATE_DIR/src/addons/sale_management" ]
    assert [ -f "$FO_STATE_DIR/src/requirements.txt" ]
    assert [ ! -e "$FO_STATE_DIR/src/odoo/enterprise" ]
    assert [ ! -e "$FO_STATE_DIR/src/custom-addons" ]
    assert [ ! -e "$FO_STATE_DIR/src.index" ] && assert [ ! -e "$FO_STATE_DIR/src.tmp" ]
}

test_source_of_another_version_is_refused() {
    fetch_odoo_source "$T/tree"
    if (fetch_odoo_source "$T/odoo18.tar") 2>"$T/err18"; then
        fail "an Odoo 18 tarball was accepted"
    fi
    assert grep -q "holds Odoo 18" "$T/err18"
    assert [ "$(readlink "$FO_STATE_DIR/src")" = "$T/tree" ] # the previous tree stays
    if (fetch_odoo_source "$T/nothing-here") 2>/dev/null; then
        fail "a missing ODOO_SOURCE was accepted"
    fi
}

test_source_is_reused_until_it_changes() {
    cp "$T/odoo.tar.gz" "$T/copy.tar.gz"
    ODOO_SOURCE=$T/copy.tar.gz
    ensure_odoo_source
    rm "$T/copy.tar.gz" # a second run must not read it again
    ensure_odoo_source 2>"$T/reuse"
    assert grep -q "reusing" "$T/reuse"
    unset ODOO_SOURCE # no ODOO_SOURCE: whatever is there
    ensure_odoo_source 2>"$T/reuse"
    assert grep -q "reusing" "$T/reuse"
    ODOO_SOURCE=$T/tree # another source: fetched
    ensure_odoo_source
    assert [ -L "$FO_STATE_DIR/src" ]
}

test_requirements_pin_cbor2_for_python_311() {
    printf '#!/bin/sh\necho 3.11\n' >"$T/py311"
    printf '#!/bin/sh\necho 3.12\n' >"$T/py312"
    chmod +x "$T/py311" "$T/py312"
    assert grep -q '^cbor2==5.4.6 ; python_version < "3.12"$' <(odoo_requirements "$T/py311" "$T/tree/requirements.txt")
    assert grep -q '^cbor2==5.4.2 ;' <(odoo_requirements "$T/py312" "$T/tree/requirements.txt")
    assert grep -q '^pytz$' <(odoo_requirements "$T/py311" "$T/tree/requirements.txt")
}

test_venv_is_not_ready_without_its_stamp() {
    fetch_odoo_source "$T/tree"
    if venv_is_ready; then fail "a missing virtualenv passed for ready"; fi
    mkdir -p "$FO_VENV/bin"
    ln -s "$(command -v "$PYTHON")" "$FO_VENV/bin/python"
    requirements_stamp >"$FO_VENV/.fo-requirements"
    echo "# changed" >>"$T/tree/requirements.txt"
    if venv_is_ready; then fail "a virtualenv with an old stamp passed for ready"; fi
    sed -i '$d' "$T/tree/requirements.txt"
}

test_missing_packages_give_one_command() {
    command -v dpkg-query >/dev/null || {
        echo "not a dpkg system"
        exit 77
    }
    assert [ -z "$(system_packages_missing bash)" ]
    need_packages bash # installed: nothing to do
    id() { echo 1000; } # as a user who cannot install
    if (need_packages bash fo-no-such-package-a fo-no-such-package-b) 2>"$T/pkgs"; then
        fail "missing packages passed"
    fi
    assert grep -q "sudo apt-get install --no-install-recommends fo-no-such-package-a fo-no-such-package-b" "$T/pkgs"
}

test_socket_dir_stays_under_the_unix_path_limit() {
    assert [ "$(pg_socket_dir /work/project/.odoo/pg)" = /work/project/.odoo/pg/run ]
    local long
    long=/tmp/$(printf 'x%.0s' {1..100})
    case $(pg_socket_dir "$long") in
    /tmp/fo-pg-*) ;;
    *) fail "a socket path over 107 characters was kept" ;;
    esac
}

test_private_postgres_starts_and_stops() {
    [ -n "$(pg_bindir)" ] || {
        echo "no PostgreSQL server programs (initdb, pg_ctl) on this machine"
        exit 77
    }
    PGHOST=127.0.0.1
    PGPORT=$(free_port) # nobody listens there
    ensure_postgres
    assert [ "$FO_PG_STARTED" = 1 ]
    assert [ "$PGHOST" = "$FO_STATE_DIR/pg/run" ]
    local psql
    psql=$(command -v psql || echo "$(pg_bindir)/psql")
    assert [ "$("$psql" -X -d postgres -tAc 'SELECT current_user')" = "$PGUSER" ]
    pg_private_start # running: left alone
    assert [ -z "$FO_PG_STARTED" ]
    pg_private_stop
    if pg_answers; then fail "the cluster answers after its stop"; fi
    pg_private_start 2>"$T/restart" # once created, a start is only a start
    assert [ "$FO_PG_STARTED" = 1 ]
    if grep -q initdb "$T/restart"; then fail "initdb ran twice"; fi
    assert pg_answers
    pg_private_stop
}

for name in $(declare -F | awk '$3 ~ /^test_/ { sub(/^test_/, "", $3); print $3 }'); do
    run_test "$name"
done
summary="setup: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary ($((SECONDS - started)) s)"
[ "$failed" -eq 0 ]
