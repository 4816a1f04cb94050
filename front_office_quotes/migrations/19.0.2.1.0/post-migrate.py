# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.2.1.0: the move and cancellation notices list every session moved or
cancelled together (one email per client per batch). Their templates are
``noupdate`` data, which an upgrade never reloads: a template the centre has not
edited (its English body still has 19.0.2.0.0's single-session wording) is loaded
again, alone, from the module's data file, and its old translations are dropped so
that the upgrade loads the new ones from ``i18n/it.po``; an edited template is left
as the centre wrote it."""

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, convert, file_open

DATA_FILE = "front_office_quotes/data/mail_template_data.xml"
# Template: phrases only its 19.0.2.0.0 English body has.
OLD_WORDING = {
    "mail_template_fo_booking_moved": ("your session of", "has been moved"),
    "mail_template_fo_booking_cancellation": ("your session of", "is cancelled"),
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    with file_open(DATA_FILE, "rb") as data_file:
        document = etree.parse(data_file)
    for xmlid, phrases in OLD_WORDING.items():
        template = env.ref(f"front_office_quotes.{xmlid}", raise_if_not_found=False)
        body = (template and template.with_context(lang="en_US").body_html) or ""
        if not all(phrase in body for phrase in phrases):
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
