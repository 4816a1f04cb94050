# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Occupancy: the time a resource is busy with a session, and the SQL that asks
what is busy when (the friendly pre-check of the EXCLUDE constraints, the busy
times the free-slot search avoids)."""

from collections import defaultdict

from odoo import fields, models
from odoo.tools import SQL

# The states that hold a time slot: a no-show uses its session but frees its slot.
SLOT_STATES = ("booked", "done")


class FrontOfficeBookingOccupancy(models.Model):
    """One row per resource a session holds (operator or room), from its start
    to the end of its clean-up time, written by the session itself in the same
    transaction. PostgreSQL refuses two overlapping rows of one resource, even
    when two operators book at the same moment."""

    _name = "front.office.booking.occupancy"
    _description = "Time a Resource Is Busy with a Session"
    _order = "start, id"

    booking_id = fields.Many2one(
        comodel_name="front.office.booking",
        string="Session",
        required=True,
        index=True,
        ondelete="cascade",
    )
    resource_id = fields.Many2one(
        comodel_name="resource.resource",
        required=True,
        index=True,
        ondelete="restrict",
    )
    start = fields.Datetime(required=True)
    stop = fields.Datetime(required=True)

    _no_double_use = models.Constraint(
        """EXCLUDE USING GIST (
            int4range(resource_id, resource_id, '[]') WITH =,
            tsrange(start, stop, '[)') WITH &&
        )""",
        "This resource is already busy at that time.",
    )

    def _fo_sync(self, bookings):
        """Rewrite the rows of ``bookings``: one per resource each holds (its
        operator and its room) while it holds a time slot. Two statements
        whatever their number; the rows are derived data, no user writes them."""
        if not bookings.ids:
            return
        bookings.flush_recordset(
            ["start", "busy_stop", "resource_id", "room_id", "state"]
        )
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "DELETE FROM front_office_booking_occupancy WHERE booking_id IN %s",
                tuple(bookings.ids),
            )
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO front_office_booking_occupancy
                       (booking_id, resource_id, start, stop,
                        create_uid, create_date, write_uid, write_date)
                SELECT b.id, held.resource_id, b.start, b.busy_stop,
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM front_office_booking b
                 CROSS JOIN LATERAL (VALUES (b.resource_id), (b.room_id))
                       AS held(resource_id)
                 WHERE b.id IN %(ids)s
                   AND b.state IN %(holding)s
                   AND held.resource_id IS NOT NULL
                """,
                uid=self.env.uid,
                ids=tuple(bookings.ids),
                holding=SLOT_STATES,
            )
        )
        self.invalidate_model()

    def _fo_busy_times(self, resource_ids, start, stop, except_company_ids=None):
        """``{resource id: [(start, busy until)]}`` of the sessions holding these
        resources between ``start`` and ``stop`` (naive UTC), in one query; with
        ``except_company_ids``, only the sessions of other companies (a resource
        both may use, busy with the other's session)."""
        busy = defaultdict(list)
        if not resource_ids:
            return busy
        self.flush_model()
        foreign = SQL()
        if except_company_ids is not None:
            self.env["front.office.booking"].flush_model(["company_id"])
            foreign = SQL(
                """ AND booking_id IN (SELECT id FROM front_office_booking
                                       WHERE company_id NOT IN %s)""",
                tuple(except_company_ids) or (0,),
            )
        for resource_id, begin, end in self.env.execute_query(
            SQL(
                """
                SELECT resource_id, start, stop FROM front_office_booking_occupancy
                 WHERE resource_id IN %s AND start < %s AND stop > %s%s
                """,
                tuple(resource_ids),
                stop,
                start,
                foreign,
            )
        ):
            busy[resource_id].append((begin, end))
        return busy

    def _fo_client_busy_times(self, partner_id, start, stop):
        """``[(start, stop)]`` of the client's sessions holding a time slot between
        ``start`` and ``stop`` (naive UTC): a client is busy without clean-up
        time, in sessions of any resource."""
        self.env["front.office.booking"].flush_model(
            ["partner_id", "start", "stop", "state"]
        )
        return self.env.execute_query(
            SQL(
                """
                SELECT start, stop FROM front_office_booking
                 WHERE partner_id = %s AND state IN %s AND start < %s AND stop > %s
                """,
                partner_id,
                SLOT_STATES,
                stop,
                start,
            )
        )

    def _fo_conflicts(self, sessions, exclude_ids=()):
        """The first session in the database each planned session collides with
        (a resource it holds busy, or its client in another session), in one
        query whatever their number.

        :param sessions: ``PlannedSession`` list, all holding a time slot.
        :return: ``[(index, booking id, kind, resource id)]``, one row per
            session in conflict, kind "resource" or "client"."""
        if not sessions:
            return []
        self.env["front.office.booking"].flush_model(
            ["resource_id", "partner_id", "start", "stop", "state"]
        )
        self.flush_model()
        return self.env.execute_query(
            SQL(
                """
                WITH s AS (
                    SELECT * FROM unnest(
                        %(idx)s::int[], %(resource)s::int[], %(room)s::int[],
                        %(partner)s::int[], %(start)s::timestamp[],
                        %(stop)s::timestamp[], %(busy)s::timestamp[]
                    ) AS s(idx, resource_id, room_id, partner_id, start, stop, busy)
                )
                SELECT DISTINCT ON (idx) idx, booking_id, kind, resource_id
                  FROM (
                    SELECT s.idx, o.booking_id, 'resource' AS kind, o.resource_id,
                           o.start
                      FROM s
                      JOIN front_office_booking_occupancy o
                        ON o.resource_id IN (s.resource_id, s.room_id)
                       AND o.start < s.busy AND o.stop > s.start
                     WHERE NOT o.booking_id = ANY(%(exclude)s::int[])
                    UNION ALL
                    SELECT s.idx, b.id, 'client', NULL, b.start
                      FROM s
                      JOIN front_office_booking b
                        ON b.partner_id = s.partner_id
                       AND b.start < s.stop AND b.stop > s.start
                     WHERE b.state IN %(holding)s
                       AND NOT b.id = ANY(%(exclude)s::int[])
                  ) AS found
              ORDER BY idx, start
                """,
                idx=list(range(len(sessions))),
                resource=[session.resource_id for session in sessions],
                room=[session.room_id or None for session in sessions],
                partner=[session.partner_id for session in sessions],
                start=[session.start for session in sessions],
                stop=[session.stop for session in sessions],
                busy=[session.busy_stop for session in sessions],
                holding=SLOT_STATES,
                exclude=list(exclude_ids),
            )
        )
