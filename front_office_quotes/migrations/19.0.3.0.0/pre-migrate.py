# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Notice settings are bounded to a year from this version on: bring larger values
(which made every booking fail) down to the bound before the check is added; and
sessions end on whole minutes."""


def migrate(cr, version):
    """Bound the notice settings; round the sessions' ends to the minute."""
    cr.execute(
        """
        UPDATE res_company
           SET fo_reminder_hours = LEAST(GREATEST(fo_reminder_hours, 0), 8784),
               fo_cancel_notice_hours = LEAST(GREATEST(fo_cancel_notice_hours, 0), 8784)
         WHERE fo_reminder_hours NOT BETWEEN 0 AND 8784
            OR fo_cancel_notice_hours NOT BETWEEN 0 AND 8784
        """
    )
    # Session ends are whole minutes from this version on: a 50' session used to
    # end a hair before the minute (stored 09:49:59). Round the stored ends, and
    # the busy rows PostgreSQL guards with them, to the nearest minute.
    cr.execute(
        """
        UPDATE front_office_booking
           SET stop = date_trunc('minute', stop + interval '30 seconds'),
               busy_stop = date_trunc('minute', busy_stop + interval '30 seconds')
         WHERE date_trunc('minute', stop) <> stop
            OR date_trunc('minute', busy_stop) <> busy_stop
        """
    )
    cr.execute(
        """
        UPDATE front_office_booking_occupancy
           SET stop = date_trunc('minute', stop + interval '30 seconds')
         WHERE date_trunc('minute', stop) <> stop
        """
    )
