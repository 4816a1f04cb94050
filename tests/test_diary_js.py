# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Diary's hoot unit tests (``static/tests/*.test.js``), run in Chromium as
Odoo runs its own: the ``/web/tests`` page, filtered on this addon's suite."""

from odoo.tests import HttpCase, no_retry, tagged

# The module, not its classes: a test class imported here would run here too.
from odoo.addons.web.tests import test_js

ADDON_SUITE = "@front_office_quotes"


@tagged("post_install", "-at_install")
class TestDiaryJs(HttpCase):
    @no_retry
    def test_diary_hoot_suite(self):
        # The hoot runner selects a suite by the hash of its name.
        suite_id = test_js.HOOTCommon._generate_hash(self, ADDON_SUITE)
        self.browser_js(
            "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
            f"&id={suite_id}",
            "",
            "",
            login="admin",
            timeout=600,
            success_signal="[HOOT] Test suite succeeded",
            error_checker=test_js.unit_test_error_checker,
        )
