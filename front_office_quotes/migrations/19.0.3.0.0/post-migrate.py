# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.3.0.0: the reminder cron runs on its own service, ``front.office.reminder``.
The cron is ``noupdate`` data, which an upgrade never reloads: the existing one is
pointed at the service here, whatever the centre changed in its timing."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref(
        "front_office_quotes.ir_cron_fo_send_reminders", raise_if_not_found=False
    )
    if not cron:
        return
    cron.write(
        {
            "model_id": env["ir.model"]._get_id("front.office.reminder"),
            "state": "code",
            "code": "model._cron_send_reminders()",
        }
    )
