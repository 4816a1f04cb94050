# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.2.1.0: the move and cancellation notices list every session moved or
cancelled together (one email per client per batch). Their templates are
``noupdate`` data, which an upgrade never reloads: a template the centre has not
edited (subject and body exactly 19.0.2.0.0's, whitespace aside) is loaded again,
alone, from the module's data file, and its old translations are dropped so that
the upgrade loads the new ones from ``i18n/it.po``; an edited template is left as
the centre wrote it."""

import hashlib
import re

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, convert, file_open

DATA_FILE = "front_office_quotes/data/mail_template_data.xml"
# Template: its 19.0.2.0.0 English subject and the SHA-256 of its English body
# with whitespace normalised (see _fingerprint).
OLD_TEMPLATES = {
    "mail_template_fo_booking_moved": (
        "{{ object.company_id.name }}: your session has been moved",
        "bdb86a07ff49761cabf7e6caa0b75531aaf6d849ce30c56aa1cee20c8902b592",
    ),
    "mail_template_fo_booking_cancellation": (
        "{{ object.company_id.name }}: your session is cancelled",
        "c91b7fc37c829f1263569a9f92f588590cb2a19d29c2f4c55d993507d45f3acf",
    ),
}


def _fingerprint(markup):
    normalised = re.sub(r">\s+<", "><", re.sub(r"\s+", " ", markup or "")).strip()
    return hashlib.sha256(normalised.encode()).hexdigest()


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    with file_open(DATA_FILE, "rb") as data_file:
        document = etree.parse(data_file)
    for xmlid, (old_subject, old_body) in OLD_TEMPLATES.items():
        template = env.ref(f"front_office_quotes.{xmlid}", raise_if_not_found=False)
        if not template:
            continue
        english = template.with_context(lang="en_US")
        if (
            english.subject != old_subject
            or _fingerprint(english.body_html) != old_body
        ):
            continue
        root = etree.Element("odoo")
        root.append(document.find(f".//record[@id='{xmlid}']"))
        convert.xml_import(env, "front_office_quotes", {}, mode="init").parse(root)
        fnames = [
            fname
            for fname in ("name", "description", "subject", "body_html")
            if template._fields[fname].translate
        ]
        env.flush_all()
        cr.execute(
            SQL(
                "UPDATE mail_template SET %s WHERE id = %s",
                SQL(", ").join(
                    SQL(
                        "%s = jsonb_build_object('en_US', %s -> 'en_US')",
                        SQL.identifier(fname),
                        SQL.identifier(fname),
                    )
                    for fname in fnames
                ),
                template.id,
            )
        )
        env.invalidate_all()
