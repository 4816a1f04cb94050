/**
 * A Monday of the centre as ``fo_diary_data`` returns it: opening hours 08:00-20:00
 * in Rome (07:00-19:00 UTC), Giulia (operator) then two rooms.
 */
export function diaryDay(values = {}) {
    return {
        day: "2026-03-02",
        tz: "Europe/Rome",
        hours: { start: "2026-03-02 07:00:00", stop: "2026-03-02 19:00:00" },
        resources: [
            { id: 1, name: "Giulia", kind: "user" },
            { id: 2, name: "Massage Room", kind: "material" },
            { id: 3, name: "Physio Room", kind: "material" },
        ],
        bookings: [],
        unavailable: {},
        domains: {
            clients: "[('fo_client_search', 'ilike', query)]",
            lines: "[('order_partner_id', '=', partner_id), ('fo_bookable_on', '=', day)]",
            services: "[('fo_is_bookable', '=', True)]",
        },
        ...values,
    };
}

/** A booked 50' massage of Mario Rossi with Giulia in the massage room. */
export function session(values = {}) {
    return {
        id: 7,
        resource_id: 1,
        room_id: 2,
        start: "2026-03-02 09:00:00", // 10:00 in Rome
        stop: "2026-03-02 09:50:00",
        busy_stop: "2026-03-02 09:50:00",
        partner_id: 11,
        partner_name: "Mario Rossi",
        service: "Massage 50'",
        session_number: 1,
        sessions_sold: 10,
        state: "booked",
        state_label: "Booked",
        payment_state: "not_paid",
        sale_order_id: 5,
        sale_order_name: "S00005",
        no_show_count: 0,
        ...values,
    };
}
