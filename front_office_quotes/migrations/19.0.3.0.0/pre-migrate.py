# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Notice settings are bounded to a year from this version on: bring larger values
(which made every booking fail) down to the bound before the check is added."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE res_company
           SET fo_reminder_hours = LEAST(GREATEST(fo_reminder_hours, 0), 8784),
               fo_cancel_notice_hours = LEAST(GREATEST(fo_cancel_notice_hours, 0), 8784)
         WHERE fo_reminder_hours NOT BETWEEN 0 AND 8784
            OR fo_cancel_notice_hours NOT BETWEEN 0 AND 8784
        """
    )
