# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from pathlib import Path

ITALIAN_TESTS = Path(__file__).parent / "l10n_it"


def _asked_for(config, path):
    """Whether the command line names ``path`` or something inside it."""
    for arg in config.args:
        named = (config.invocation_params.dir / arg.split("::")[0]).resolve()
        if named == path or path in named.parents:
            return True
    return False


def pytest_ignore_collect(collection_path, config):
    """tests/l10n_it needs Italian e-invoicing (l10n_it_edi) in the database, which
    the addon does not depend on: it runs only when named (scripts/test runs it on
    a database of its own), never with the rest of tests/."""
    if collection_path == ITALIAN_TESTS and not _asked_for(config, ITALIAN_TESTS):
        return True
    return None
