# shellcheck shell=bash
# Shared by scripts/serve and scripts/test: locate Odoo 19 (setting it up when the
# machine lacks it, see _setup.sh), check what the project needs from the machine, and
# write the Odoo configuration used by both.
# Sourced, not run.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# PYTHON given: that interpreter must import Odoo 19; else python3 when it does, else
# the project's virtualenv (.venv), set up on first use.
PYTHON_GIVEN=${PYTHON:+1}
PYTHON=${PYTHON:-python3}
export PYTHON
# A local ODOO_SOURCE is taken relative to where the command was typed.
if [ -n "${ODOO_SOURCE:-}" ] && [ -e "$ODOO_SOURCE" ]; then
    ODOO_SOURCE=$(cd "$(dirname "$ODOO_SOURCE")" && pwd)/$(basename "$ODOO_SOURCE")
fi
export PGHOST=${PGHOST:-127.0.0.1}
export PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-$(id -un)}
# pytest-odoo and Odoo read $USER as a database user in places; keep them in step.
export USER=$PGUSER

say() { printf '%s\n' "$*" >&2; }
die() {
    say ""
    say "ERROR: $*"
    exit 2
}

# shellcheck source=scripts/_setup.sh
source "$ROOT/scripts/_setup.sh"

require_odoo() {
    local version
    ensure_odoo_python
    version=$("$PYTHON" -c 'import odoo.release as r; print(r.version_info[0])' 2>/dev/null) ||
        die "Odoo is not importable by '$PYTHON' (PYTHON).
    Unset PYTHON to let the scripts set Odoo 19.0 up in .venv (see README.md,
    'Requirements'), or set it to an interpreter that imports Odoo 19.0."
    [ "$version" = "19" ] || die "'$PYTHON' imports Odoo $version, this addon needs Odoo 19.0."
    # Odoo's own addons folder (sale_management, account, web...) next to the odoo package.
    if [ -z "${ODOO_ADDONS_PATH:-}" ]; then
        ODOO_ADDONS_PATH=$("$PYTHON" -c '
import os, odoo
root = os.path.dirname(list(odoo.__path__)[0])
print(os.path.join(root, "addons") if os.path.isdir(os.path.join(root, "addons", "sale_management")) else "")
')
    fi
    [ -n "$(odoo_addon_dir sale_management)" ] || die "Odoo's addons (sale_management...) were not found next to the odoo package.
    Set ODOO_ADDONS_PATH to the folder that holds them (comma-separated if several)."
}

# odoo_addon_dir NAME: the folder of Odoo's addons that holds addon NAME.
odoo_addon_dir() {
    local IFS=,
    for dir in ${ODOO_ADDONS_PATH:-$("$PYTHON" -c 'import odoo.addons; print(",".join(odoo.addons.__path__))')}; do
        [ -d "$dir/$1" ] && { echo "$dir"; return; }
    done
}

require_postgres() {
    ensure_postgres
    "$PYTHON" - <<PY 2>/dev/null || die "PostgreSQL answers at $PGHOST:$PGPORT but not to role '$PGUSER'.
    Make sure the role exists and may create databases:
        sudo -u postgres createuser --superuser $PGUSER
    PGHOST, PGPORT and PGUSER choose another server or role."
import psycopg2
psycopg2.connect(dbname="postgres").close()
PY
}

require_wkhtmltopdf() {
    command -v wkhtmltopdf >/dev/null ||
        die "wkhtmltopdf is missing: Odoo needs it to print quotes as PDF.
    Debian/Ubuntu: apt-get install wkhtmltopdf"
}

require_chromium() {
    command -v chromium >/dev/null || command -v chromium-browser >/dev/null ||
        command -v google-chrome >/dev/null || command -v google-chrome-stable >/dev/null ||
        die "Chromium is missing: the browser tours of the test suite run in it.
    Debian/Ubuntu: apt-get install chromium"
}

require_python_module() { # module, what it is for
    "$PYTHON" -c "import $1" 2>/dev/null ||
        die "The Python package '$1' is missing ($2).
    Install the project's requirements: $PYTHON -m pip install -r $ROOT/requirements.txt"
}

# db_state DB: "missing", "empty" (no Odoo in it), "installed" (the addon is) or "odoo".
db_state() {
    "$PYTHON" - "$1" <<'PY'
import sys
import psycopg2
name = sys.argv[1]
with psycopg2.connect(dbname="postgres") as cn, cn.cursor() as cr:
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if not cr.fetchone():
        print("missing")
        sys.exit()
with psycopg2.connect(dbname=name) as cn, cn.cursor() as cr:
    cr.execute("SELECT to_regclass('ir_module_module')")
    if not cr.fetchone()[0]:
        print("empty")
        sys.exit()
    cr.execute("SELECT state FROM ir_module_module WHERE name = 'front_office_quotes'")
    row = cr.fetchone()
    print("installed" if row and row[0] == "installed" else "odoo")
PY
}

# demo_loaded DB: "t" when the addon's demo data is in DB.
demo_loaded() {
    "$PYTHON" - "$1" <<'PY'
import sys
import psycopg2
with psycopg2.connect(dbname=sys.argv[1]) as cn, cn.cursor() as cr:
    cr.execute("SELECT demo FROM ir_module_module WHERE name = 'front_office_quotes'")
    row = cr.fetchone()
    print("t" if row and row[0] else "f")
PY
}

# drop_db DB: drop a throw-away database (closing its connections) and its filestore.
drop_db() {
    "$PYTHON" - "$1" <<'PY' || say "warning: could not drop database $1"
import sys
import psycopg2
from psycopg2 import sql
cn = psycopg2.connect(dbname="postgres")
cn.autocommit = True
with cn.cursor() as cr:
    cr.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = %s AND pid <> pg_backend_pid()",
        [sys.argv[1]],
    )
    cr.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(sys.argv[1])))
cn.close()
PY
    local data_dir
    data_dir=$("$PYTHON" -c 'from odoo.tools import config; print(config["data_dir"])' 2>/dev/null) || true
    if [ -n "$data_dir" ] && [ -d "$data_dir/filestore/$1" ]; then
        rm -rf "${data_dir:?}/filestore/${1:?}"
    fi
}

# set_served_url DB URL: web.base.url and report.url of DB (the PDF engine's way back
# to the server) become URL.
set_served_url() {
    "$PYTHON" - "$1" "$2" <<'PY'
import sys
import psycopg2
with psycopg2.connect(dbname=sys.argv[1]) as cn, cn.cursor() as cr:
    for key in ("web.base.url", "report.url"):
        cr.execute(
            "INSERT INTO ir_config_parameter (key, value, create_uid, write_uid, create_date, write_date)"
            " VALUES (%s, %s, 1, 1, now() at time zone 'UTC', now() at time zone 'UTC')"
            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, write_date = EXCLUDED.write_date",
            [key, sys.argv[2]],
        )
cn.close()
PY
}

# free_port: a TCP port nobody listens on (parallel test runs each serve their own).
free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# write_config FILE DB LOGFILE [HTTP_PORT]: the Odoo configuration of one run.
write_config() {
    cat >"$1" <<CONF
[options]
addons_path = ${ODOO_ADDONS_PATH:+$ODOO_ADDONS_PATH,}$ROOT
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_name = $2
dbfilter = ^$2\$
http_interface = 127.0.0.1
logfile = $3
list_db = False
${4:+http_port = $4}
CONF
}

# create_italian_centre_db CONF DB LANGUAGE: a new database DB with demo data, its
# company in Italy (euro, Italy's chart of accounts l10n_it and e-invoicing
# l10n_it_edi, which Odoo installs for the country), LANGUAGE for the
# administrator, then front_office_quotes, whose demo data makes the company its
# Italian centre, and Odoo's demo payment provider (payment_demo), with which its
# clients pay online in test mode. Accounting goes in first: Odoo loads a country's chart once every
# module is loaded, and the addon's demo gives its services the chart's taxes.
create_italian_centre_db() {
    local conf=$1 db=$2 language=$3
    # db init logs its failures without failing: the state says.
    "$PYTHON" -m odoo db -c "$conf" init --country IT --language "$language" --with-demo "$db" &&
        [ "$(db_state "$db")" = odoo ] || return 1
    "$PYTHON" -m odoo -c "$conf" -i account --stop-after-init || return 1
    "$PYTHON" -m odoo -c "$conf" -i front_office_quotes,l10n_it_edi,payment_demo --stop-after-init || return 1
    [ "$(db_state "$db")" = installed ] && [ "$(demo_loaded "$db")" = t ]
}

# odoo_bin: Odoo's own launcher, odoo-bin, next to the odoo package.
odoo_bin() {
    local bin
    bin=$("$PYTHON" -c 'import os, odoo; print(os.path.join(os.path.dirname(list(odoo.__path__)[0]), "odoo-bin"))') &&
        [ -f "$bin" ] && echo "$bin"
}
