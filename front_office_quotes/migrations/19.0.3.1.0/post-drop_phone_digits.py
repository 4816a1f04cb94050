# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The client search now uses core's sanitised phone: the addon's own digits
column (and its trigram index, dropped with it) is no longer read or kept up to
date, so it goes rather than lie stale in every client row."""


def migrate(cr, version):
    cr.execute("ALTER TABLE res_partner DROP COLUMN IF EXISTS fo_phone_digits")
