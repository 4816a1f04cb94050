# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The session messages link the client's own page of the session from this
version on. Their templates are ``noupdate`` data, so an upgrade leaves installed
databases with the old bodies: bring those bodies up to date from the module's
data when they lack the link and nobody but the installer wrote them (a body a
centre reworded is kept: its link is for the centre to add), and complete the
translations of those templates from the module's files."""

from os.path import dirname, join

from lxml import etree

from odoo import SUPERUSER_ID, api

TEMPLATES = (
    "mail_template_fo_booking_confirmation",
    "mail_template_fo_booking_reminder",
    "mail_template_fo_booking_moved",
    "mail_template_fo_booking_cancellation",
)
DATA_FILE = join(dirname(dirname(dirname(__file__))), "data", "mail_template_data.xml")
# Present in every body of this version, absent from the earlier ones.
LINK_MARK = "get_portal_url()"


def _data_bodies():
    """The ``body_html`` of each template, as the data file declares it (the way
    Odoo's data loader serialises an ``html`` field)."""
    tree = etree.parse(DATA_FILE)
    bodies = {}
    for xmlid in TEMPLATES:
        field = tree.find(f".//record[@id='{xmlid}']/field[@name='body_html']")
        bodies[xmlid] = "".join(
            etree.tostring(node, encoding="unicode") for node in field
        )
    return bodies


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    refreshed = False
    for xmlid, body in _data_bodies().items():
        template = env.ref(f"front_office_quotes.{xmlid}", raise_if_not_found=False)
        if (
            not template
            or LINK_MARK in (template.body_html or "")
            or template.write_uid.id != SUPERUSER_ID
        ):
            continue
        # The body and its translations are the module's own (nobody edited the
        # template): start again from the new body, the translations are loaded
        # back from the module's files below.
        cr.execute(
            "UPDATE mail_template SET body_html = jsonb_build_object('en_US', %s)"
            " WHERE id = %s",
            [body, template.id],
        )
        refreshed = True
    if refreshed:
        env.invalidate_all()
        langs = [code for code, _name in env["res.lang"].get_installed()]
        env["ir.module.module"]._load_module_terms(
            ["front_office_quotes"],
            [lang for lang in langs if lang != "en_US"],
            overwrite=False,
        )
    # The sessions booked before this version get their page's token at once
    # (the messages are rendered in batches, without a write per session).
    cr.execute(
        """
        UPDATE front_office_booking
           SET access_token = gen_random_uuid()::text
         WHERE access_token IS NULL
        """
    )
