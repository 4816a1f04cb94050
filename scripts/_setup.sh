# shellcheck shell=bash
# Set-up of what scripts/serve and scripts/test need and a fresh machine lacks, done
# once in ignored folders of the project and reused afterwards:
#   - Odoo 19.0: its source under .odoo/src and a virtualenv .venv with Odoo's and the
#     project's Python requirements (when no interpreter imports Odoo 19 already);
#   - PostgreSQL: a project-local cluster under .odoo/pg (when no server answers on the
#     PG* settings);
#   - Debian packages: installed with apt-get when running as root, else the command
#     to run is printed.
# Sourced by scripts/_common.sh (which defines ROOT, PYTHON, say and die), not run.
# scripts/_setup_test.sh exercises it on tiny fake Odoo trees.

ODOO_DEFAULT_SOURCE=https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz
# Where the set-up lives; the tests point these at a temporary folder.
FO_STATE_DIR=${FO_STATE_DIR:-$ROOT/.odoo}
FO_VENV=${FO_VENV:-$ROOT/.venv}
# The private cluster's socket only (no TCP), so any port number is free: it just names
# the socket file in the project's own socket folder.
FO_PG_PORT=${FO_PG_PORT:-5432}

# timed LABEL COMMAND...: say what a long step does, run it, say how long it took.
# With TIMED_LOG=FILE in its environment, COMMAND's output goes to FILE (appended).
timed() {
    local label=$1 start=$SECONDS rc=0
    shift
    say "$label..."
    if [ -n "${TIMED_LOG:-}" ]; then
        "$@" >>"$TIMED_LOG" 2>&1 || rc=$?
    else
        "$@" || rc=$?
    fi
    if [ "$rc" -eq 0 ]; then
        say "  done in $((SECONDS - start)) s"
    else
        say "  failed after $((SECONDS - start)) s"
    fi
    return "$rc"
}

# odoo_major PY: the major version of Odoo that interpreter PY imports, or nothing.
odoo_major() {
    "$1" -c 'import odoo.release as r; print(r.version_info[0])' 2>/dev/null || true
}

# ---------------------------------------------------------------------------------
# Debian packages

# system_packages_missing PKG...: those of the Debian packages not installed (none when
# this is not a dpkg system: the require_* checks then name what is missing).
system_packages_missing() {
    command -v dpkg-query >/dev/null || return 0
    local pkg
    for pkg; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
            printf '%s\n' "$pkg"
    done
}

# need_packages PKG...: install the missing ones with apt-get when root, else stop with
# the one command that installs them.
need_packages() {
    local missing log
    missing=$(system_packages_missing "$@" | tr '\n' ' ')
    missing=${missing% }
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        mkdir -p "$FO_STATE_DIR"
        log="$FO_STATE_DIR/apt.log"
        : >"$log"
        # shellcheck disable=SC2086 # a list of package names
        TIMED_LOG=$log timed "Installing Debian packages: $missing (apt-get, log in $log)" \
            env DEBIAN_FRONTEND=noninteractive bash -c '
                apt-get install -y -qq --no-install-recommends "$@" ||
                { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@"; }
            ' apt $missing || {
            tail -n 20 "$log" >&2
            die "apt-get could not install: $missing"
        }
    else
        die "These Debian packages are missing: $missing. Install them with:
    sudo apt-get install --no-install-recommends $missing"
    fi
}

# build_packages PY: what building Odoo's Python requirements with interpreter PY needs.
build_packages() {
    printf '%s\n' gcc libpq-dev libldap2-dev libsasl2-dev
    # Debian's own python3 needs its venv module and headers as packages.
    case $(readlink -f "$(command -v "$1")") in
    /usr/bin/python3*) printf '%s\n' python3-dev python3-venv ;;
    esac
}

# ensure_system_packages PKG...: the packages a script always needs, plus what the
# set-up about to happen needs (build tools for the virtualenv, the PostgreSQL server,
# git), so that a missing set is named in one command.
ensure_system_packages() {
    local pkgs=("$@")
    if [ -z "${PYTHON_GIVEN:-}" ] && [ "$(odoo_major "$PYTHON")" != 19 ] && ! venv_is_ready; then
        mapfile -t -O "${#pkgs[@]}" pkgs < <(build_packages "$PYTHON")
        case $(source_kind "${ODOO_SOURCE:-$ODOO_DEFAULT_SOURCE}") in
        git-*) pkgs+=(git) ;;
        esac
    fi
    if ! pg_answers && [ -z "$(pg_bindir)" ]; then
        pkgs+=(postgresql)
    fi
    need_packages "${pkgs[@]}"
}

# ---------------------------------------------------------------------------------
# Odoo's source

# odoo_tree_root DIR: the folder under DIR (DIR included) that holds odoo/release.py,
# the shallowest one; nothing when there is none.
odoo_tree_root() {
    if [ -f "$1/odoo/release.py" ]; then
        (cd "$1" && pwd)
        return
    fi
    local found
    found=$(find "$1" -maxdepth 4 -path '*/odoo/release.py' 2>/dev/null |
        awk '{ print gsub("/", "/"), $0 }' | sort -n | head -n 1 | cut -d' ' -f2-)
    if [ -n "$found" ]; then
        (cd "$(dirname "$found")/.." && pwd)
    fi
}

# odoo_tree_major TREE: the major version in TREE/odoo/release.py.
odoo_tree_major() {
    sed -n 's/^version_info = (\([^,]*\),.*/\1/p' "$1/odoo/release.py" | head -n 1
}

# source_kind SRC: how ODOO_SOURCE gives Odoo:
#   url-tarball  an http(s) URL of a tarball, downloaded then unpacked;
#   git-remote   a git URL (https, ssh, git, file), cloned shallow on ODOO_BRANCH;
#   dir          a local folder holding an Odoo tree, used in place;
#   git-local    a local git repository without a work tree (bare), checked out;
#   tarball      a local tarball, unpacked;
#   missing      none of these.
source_kind() {
    case $1 in
    http://*.tar.gz | https://*.tar.gz | http://*.tgz | https://*.tgz | \
        http://*.tar.xz | https://*.tar.xz | http://*.tar.bz2 | https://*.tar.bz2 | \
        http://*.tar | https://*.tar)
        echo url-tarball
        return
        ;;
    http://* | https://* | git://* | ssh://* | file://* | git@*:*)
        echo git-remote
        return
        ;;
    esac
    if [ -d "$1" ]; then
        if [ -n "$(odoo_tree_root "$1")" ]; then
            echo dir
        elif git --git-dir="$1" rev-parse --git-dir >/dev/null 2>&1; then
            echo git-local
        else
            echo missing
        fi
    elif [ -f "$1" ]; then
        echo tarball
    else
        echo missing
    fi
}

# download URL FILE
download() {
    if command -v curl >/dev/null; then
        curl -fsSL --retry 3 -o "$2" "$1"
    else
        "$PYTHON" -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' "$1" "$2"
    fi
}

# git_checkout_odoo GITDIR DEST: check out, from a local repository, only what Odoo
# needs (the server, its addons, its requirements), never odoo/enterprise.
git_checkout_odoo() {
    local rev=${ODOO_BRANCH:-HEAD} paths=() path
    for path in odoo addons odoo-bin setup.py setup.cfg setup requirements.txt; do
        git --git-dir="$1" cat-file -e "$rev:$path" 2>/dev/null && paths+=("$path")
    done
    [ ${#paths[@]} -gt 0 ] || {
        say "no Odoo tree at $rev in $1"
        return 1
    }
    mkdir -p "$2"
    GIT_INDEX_FILE="$2.index" git --git-dir="$1" --work-tree="$2" \
        checkout "$rev" -- "${paths[@]}" ':(exclude)odoo/enterprise'
    local rc=$?
    rm -f "$2.index"
    return $rc
}

# fetch_odoo_source SRC: make $FO_STATE_DIR/src the Odoo 19 tree SRC gives (a link to
# it when SRC is a local tree), and remember SRC in $FO_STATE_DIR/src.from.
fetch_odoo_source() {
    local src=$1 dest=$FO_STATE_DIR/src tmp=$FO_STATE_DIR/src.tmp kind root major
    kind=$(source_kind "$src")
    mkdir -p "$FO_STATE_DIR"
    rm -rf "${tmp:?}"
    mkdir -p "$tmp"
    case $kind in
    dir)
        root=$(odoo_tree_root "$src")
        say "Odoo source: the tree in $root, used in place"
        ;;
    tarball)
        timed "Unpacking Odoo from $src" tar -xf "$src" -C "$tmp" ||
            die "Could not unpack $src (ODOO_SOURCE)."
        ;;
    url-tarball)
        timed "Downloading Odoo from $src" download "$src" "$tmp/odoo.tar" ||
            die "Could not download $src (ODOO_SOURCE)."
        say "  $(du -h "$tmp/odoo.tar" | cut -f1) downloaded"
        timed "Unpacking it" tar -xf "$tmp/odoo.tar" -C "$tmp" ||
            die "Could not unpack what $src gave (ODOO_SOURCE)."
        rm -f "$tmp/odoo.tar"
        ;;
    git-remote)
        timed "Cloning Odoo from $src (branch ${ODOO_BRANCH:-19.0}, shallow)" \
            git clone -q --depth 1 --branch "${ODOO_BRANCH:-19.0}" "$src" "$tmp/odoo" ||
            die "Could not clone $src (ODOO_SOURCE, branch ODOO_BRANCH=${ODOO_BRANCH:-19.0})."
        ;;
    git-local)
        timed "Checking Odoo out of the git repository $src (${ODOO_BRANCH:-HEAD})" \
            git_checkout_odoo "$src" "$tmp/odoo" ||
            die "Could not check Odoo out of $src (ODOO_SOURCE)."
        ;;
    *)
        die "ODOO_SOURCE=$src is neither a URL, a tarball, a git repository nor a folder holding Odoo."
        ;;
    esac
    [ "$kind" = dir ] || root=$(odoo_tree_root "$tmp")
    [ -n "$root" ] || die "No Odoo tree (odoo/release.py) in $src (ODOO_SOURCE)."
    major=$(odoo_tree_major "$root")
    [ "$major" = 19 ] || die "$src (ODOO_SOURCE) holds Odoo ${major:-of unknown version}, this addon needs Odoo 19.0."
    rm -rf "${dest:?}"
    if [ "$kind" = dir ]; then
        ln -s "$root" "$dest"
    else
        mv "$root" "$dest"
    fi
    rm -rf "${tmp:?}"
    printf '%s\n' "$src" >"$dest.from"
}

# ensure_odoo_source: $FO_STATE_DIR/src, fetched from ODOO_SOURCE (default: Odoo's
# nightly 19.0 source tarball) unless it is there already from the same source.
ensure_odoo_source() {
    local dest=$FO_STATE_DIR/src
    if [ -f "$dest/odoo/release.py" ] &&
        { [ -z "${ODOO_SOURCE:-}" ] || [ "$(cat "$dest.from" 2>/dev/null)" = "$ODOO_SOURCE" ]; }; then
        say "Odoo source: reusing $dest (from $(cat "$dest.from" 2>/dev/null || echo '?'))"
        return 0
    fi
    fetch_odoo_source "${ODOO_SOURCE:-$ODOO_DEFAULT_SOURCE}"
}

# ---------------------------------------------------------------------------------
# The virtualenv

# odoo_requirements PY FILE: Odoo's requirements as PY can install them: cbor2 5.4.2
# has no build for Python 3.11, 5.4.6 is the same API.
odoo_requirements() {
    if [ "$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" = 3.11 ]; then
        sed -E 's/^cbor2==5\.4\.2([^0-9]|$)/cbor2==5.4.6\1/' "$2"
    else
        cat "$2"
    fi
}

# requirements_stamp: what the virtualenv was built from (both requirement files).
requirements_stamp() {
    cat "$FO_STATE_DIR/src/requirements.txt" "$ROOT/requirements.txt" 2>/dev/null |
        sha256sum | cut -d' ' -f1
}

# venv_is_ready: .venv imports Odoo 19 and has what both requirement files ask for.
venv_is_ready() {
    [ -x "$FO_VENV/bin/python" ] &&
        [ "$(cat "$FO_VENV/.fo-requirements" 2>/dev/null)" = "$(requirements_stamp)" ] &&
        [ "$(odoo_major "$FO_VENV/bin/python")" = 19 ]
}

# pip_install LABEL ARGS...: pip in the virtualenv, its output in .odoo/pip.log.
pip_install() {
    local label=$1 log=$FO_STATE_DIR/pip.log
    shift
    TIMED_LOG=$log timed "$label" \
        "$FO_VENV/bin/python" -m pip install --disable-pip-version-check "$@" || {
        tail -n 30 "$log" >&2
        die "pip failed ($label), see $log."
    }
}

# ensure_venv BASE_PY: the project's virtualenv with Odoo's requirements (with the
# workarounds Odoo 19's pins need), Odoo itself (a .pth to $FO_STATE_DIR/src) and the
# project's requirements; untouched when its stamp says it is up to date.
ensure_venv() {
    if venv_is_ready; then
        say "Python: reusing the virtualenv $FO_VENV"
        return 0
    fi
    if [ ! -x "$FO_VENV/bin/python" ]; then
        timed "Creating the virtualenv $FO_VENV" "$1" -m venv "$FO_VENV" ||
            die "'$1 -m venv' failed (Debian/Ubuntu: apt-get install python3-venv)."
    fi
    [ -f "$FO_STATE_DIR/src/requirements.txt" ] ||
        die "Odoo's requirements.txt is not in $FO_STATE_DIR/src (from $(cat "$FO_STATE_DIR/src.from")): give ODOO_SOURCE a full Odoo 19.0 source tree."
    : >"$FO_STATE_DIR/pip.log"
    # Odoo 19 pins packages (reportlab, psycopg2...) whose builds need an old setuptools,
    # hence --no-build-isolation with setuptools<70 in the virtualenv.
    pip_install "pip: setuptools<70 and wheel" "setuptools<70" wheel
    odoo_requirements "$FO_VENV/bin/python" "$FO_STATE_DIR/src/requirements.txt" \
        >"$FO_STATE_DIR/odoo-requirements.txt"
    pip_install "pip: Odoo's requirements (builds psycopg2, python-ldap...; minutes the first time)" \
        --no-build-isolation -r "$FO_STATE_DIR/odoo-requirements.txt"
    local site
    site=$("$FO_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    printf '%s\n' "$FO_STATE_DIR/src" >"$site/odoo19.pth"
    pip_install "pip: the project's requirements" -r "$ROOT/requirements.txt"
    [ "$(odoo_major "$FO_VENV/bin/python")" = 19 ] ||
        die "The virtualenv $FO_VENV does not import Odoo 19 after its set-up (see $FO_STATE_DIR/pip.log)."
    requirements_stamp >"$FO_VENV/.fo-requirements"
}

# ensure_odoo_python: PYTHON becomes an interpreter that imports Odoo 19: PYTHON or
# python3 when it does already, else the project's virtualenv (set up if needed).
ensure_odoo_python() {
    [ -n "${PYTHON_GIVEN:-}" ] && return 0
    [ "$(odoo_major "$PYTHON")" = 19 ] && return 0
    say "'$PYTHON' does not import Odoo 19: using the project's own (.odoo/src, .venv)."
    local start=$SECONDS
    ensure_odoo_source
    ensure_venv "$PYTHON"
    PYTHON=$FO_VENV/bin/python
    export PYTHON
    [ $((SECONDS - start)) -gt 5 ] && say "Odoo set up in $((SECONDS - start)) s."
    return 0
}

# ---------------------------------------------------------------------------------
# PostgreSQL

# pg_bindir: the machine's PostgreSQL server programs (initdb, pg_ctl), newest first.
pg_bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then
        echo "$PG_BINDIR"
    elif command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        dirname "$(command -v initdb)"
    else
        local dir
        for dir in $(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V -r); do
            [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && {
                echo "$dir"
                return
            }
        done
    fi
}

# pg_answers: a server accepts connections at PGHOST:PGPORT (pg_isready, or a bare
# socket probe on machines without PostgreSQL's client programs).
pg_answers() {
    local isready
    isready=$(command -v pg_isready || echo "$(pg_bindir)/pg_isready")
    if [ -x "$isready" ]; then
        "$isready" -q -t 5 -h "$PGHOST" -p "$PGPORT" >/dev/null 2>&1
    else
        "$PYTHON" - <<'PY' 2>/dev/null
import os
import socket
host, port = os.environ["PGHOST"], int(os.environ["PGPORT"])
if host.startswith("/"):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(5)
    s.connect(os.path.join(host, ".s.PGSQL.%d" % port))
else:
    socket.create_connection((host, port), 5)
PY
    fi
}

# as_pg_owner COMMAND...: initdb and pg_ctl refuse root: as root, run them as the
# postgres OS user, who owns the private cluster's files.
as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# pg_private_dir: where the project's own cluster lives: .odoo/pg, or a folder of /tmp
# named after the project when the postgres OS user cannot reach .odoo.
pg_private_dir() {
    local dir=$FO_STATE_DIR/pg
    mkdir -p "$FO_STATE_DIR"
    if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$FO_STATE_DIR" 2>/dev/null; then
        dir=/tmp/fo-pg-$(printf '%s' "$FO_STATE_DIR" | sha256sum | cut -c1-12)
    fi
    echo "$dir"
}

# pg_socket_dir PGDIR: the socket folder, PGDIR/run unless the socket's path would
# pass the 107 characters of a Unix socket path.
pg_socket_dir() {
    local dir=$1/run
    if [ $((${#dir} + ${#FO_PG_PORT} + 10)) -gt 107 ]; then
        dir=/tmp/fo-pg-$(printf '%s' "$1" | sha256sum | cut -c1-12)
    fi
    echo "$dir"
}

# pg_private_ctl ARGS...: pg_ctl on the project's cluster.
pg_private_ctl() {
    as_pg_owner "$(pg_bindir)/pg_ctl" -D "$(pg_private_dir)/data" "$@"
}

# pg_private_stop_command: the command that stops the project's cluster, for people.
pg_private_stop_command() {
    local cmd
    cmd="$(pg_bindir)/pg_ctl -D $(pg_private_dir)/data stop"
    [ "$(id -u)" = 0 ] && cmd="runuser -u postgres -- $cmd"
    echo "$cmd"
}

# pg_private_start: create (once) and start the project's own cluster, socket only,
# trust authentication, superuser PGUSER; then PGHOST/PGPORT name it.
# FO_PG_STARTED=1 when this call started it.
pg_private_start() {
    local bindir dir sock start
    bindir=$(pg_bindir)
    [ -n "$bindir" ] || die "No PostgreSQL server programs (initdb, pg_ctl) on this machine.
    Debian/Ubuntu: apt-get install postgresql; elsewhere set PG_BINDIR to their folder."
    dir=$(pg_private_dir)
    sock=$(pg_socket_dir "$dir")
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_pg_owner mkdir -p "$sock"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_pg_owner rm -rf "${dir:?}/data"
        : >"$FO_STATE_DIR/initdb.log"
        TIMED_LOG=$FO_STATE_DIR/initdb.log \
            timed "Creating the project's PostgreSQL cluster in $dir/data (initdb)" \
            as_pg_owner "$bindir/initdb" -D "$dir/data" -U "$PGUSER" --auth=trust \
            -E UTF8 --no-locale || {
            tail -n 20 "$FO_STATE_DIR/initdb.log" >&2
            die "initdb failed, see $FO_STATE_DIR/initdb.log."
        }
        as_pg_owner tee -a "$dir/data/postgresql.conf" >/dev/null <<CONF
# The project's cluster (scripts/_setup.sh): a Unix socket in its own folder, no TCP.
listen_addresses = ''
unix_socket_directories = '$sock'
port = $FO_PG_PORT
CONF
    fi
    # Read by the scripts: FO_PG_PRIVATE (this cluster is in use), FO_PG_STARTED (this
    # call started it).
    # shellcheck disable=SC2034
    FO_PG_PRIVATE=1 FO_PG_STARTED=
    if ! pg_private_ctl status >/dev/null 2>&1; then
        start=$SECONDS
        pg_private_ctl -l "$dir/postgresql.log" -w -t 60 start >/dev/null ||
            die "The project's PostgreSQL did not start, see $dir/postgresql.log."
        say "Started the project's PostgreSQL ($dir/data) in $((SECONDS - start)) s."
        # shellcheck disable=SC2034
        FO_PG_STARTED=1
    fi
    export PGHOST=$sock PGPORT=$FO_PG_PORT
}

# pg_private_stop: stop the project's cluster.
pg_private_stop() {
    pg_private_ctl -m fast -w stop >/dev/null
}

# ensure_postgres: the server of PGHOST/PGPORT when it answers, else the project's own.
ensure_postgres() {
    pg_answers && return 0
    say "No PostgreSQL answers at $PGHOST:$PGPORT: using the project's own cluster."
    pg_private_start
}
