# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.2.1.0: the move notice lists every session moved together (one email per
client per batch). Its template is ``noupdate`` data, which an upgrade never
reloads: when the centre has not edited it (its English body is still
19.0.2.0.0's "your session of ... has been moved"), this record alone is loaded
again from the module's data file (its Italian text follows from ``i18n/it.po``
as the upgrade loads the translations, the old wording's being removed); an
edited one is left as the centre wrote
it."""

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, convert, file_open

XMLID = "mail_template_fo_booking_moved"
DATA_FILE = "front_office_quotes/data/mail_template_data.xml"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref(f"front_office_quotes.{XMLID}", raise_if_not_found=False)
    if not template:
        return
    body = template.with_context(lang="en_US").body_html or ""
    if "your session of" not in body or "has been moved" not in body:
        return
    with file_open(DATA_FILE, "rb") as data_file:
        document = etree.parse(data_file)
    record = document.find(f".//record[@id='{XMLID}']")
    root = etree.Element("odoo")
    root.append(record)
    convert.xml_import(env, "front_office_quotes", {}, mode="init").parse(root)
    # The old wording's translations go: the upgrade then loads the new ones.
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
