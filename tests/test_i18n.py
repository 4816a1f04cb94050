# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Italian is first-class: it.po translates every string of the template."""

import re
from pathlib import Path

import polib

from odoo.tests import BaseCase, tagged

I18N = Path(__file__).resolve().parent.parent / "front_office_quotes" / "i18n"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%s")


@tagged("post_install", "-at_install")
class TestItalianTranslation(BaseCase):
    def test_every_string_of_the_template_is_translated_in_italian(self):
        template = polib.pofile(str(I18N / "front_office_quotes.pot"))
        italian = {entry.msgid: entry for entry in polib.pofile(str(I18N / "it.po"))}
        missing = [
            entry.msgid
            for entry in template
            if entry.msgid not in italian
            or not italian[entry.msgid].msgstr
            or "fuzzy" in italian[entry.msgid].flags
        ]
        self.assertFalse(missing, f"untranslated in it.po: {missing}")

    def test_translations_keep_their_placeholders(self):
        for entry in polib.pofile(str(I18N / "it.po")):
            with self.subTest(msgid=entry.msgid):
                self.assertEqual(
                    sorted(PLACEHOLDER.findall(entry.msgid)),
                    sorted(PLACEHOLDER.findall(entry.msgstr)),
                )
