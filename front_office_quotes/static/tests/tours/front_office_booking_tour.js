import { registry } from "@web/core/registry";

/** Click the week view of the planning at HH:MM of the given day column. */
function clickSlot(dayCell, time) {
    const lane = document.querySelector(`.fc-timegrid-slot-lane[data-time="${time}"]`);
    lane.scrollIntoView({ block: "center" });
    const x = dayCell.getBoundingClientRect().left + dayCell.offsetWidth / 2;
    const laneRect = lane.getBoundingClientRect();
    const y = laneRect.top + laneRect.height / 2;
    const target = document.elementFromPoint(x, y);
    for (const type of ["mousedown", "mouseup", "click"]) {
        target.dispatchEvent(
            new MouseEvent(type, { bubbles: true, button: 0, which: 1, clientX: x, clientY: y })
        );
    }
}

/**
 * Booking and attendance: book three sessions of a confirmed quote with the
 * wizard, book one more from a free slot of the services planning, check one in.
 */
registry.category("web_tour.tours").add("front_office_booking_tour", {
    steps: () => [
        {
            content: "Book the sessions of the confirmed quote",
            trigger: ".o_statusbar_buttons button[name=action_fo_book_sessions]",
            run: "click",
        },
        {
            content: "Three sessions of the massage",
            trigger: ".modal .o_data_row:first .o_data_cell[name=session_count]",
            run: "click",
        },
        {
            trigger: ".modal .o_data_row:first .o_field_widget[name=session_count] input",
            run: "edit 3",
        },
        {
            content: "Leave the line: the preview follows",
            trigger: ".modal .o_field_widget[name=partner_id]",
            run: "click",
        },
        {
            content: "The preview shows three free sessions",
            trigger:
                ".modal .o_field_widget[name=slot_ids] tbody:not(:has(.o_data_row:nth-child(4))) .o_data_row.text-success:nth-child(3)",
        },
        {
            content: "Book them",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The three sessions are booked",
            trigger: ".o_list_view .o_data_row:nth-child(3):contains(Massage)",
        },
        // Step 4: book what is left straight from the planning.
        {
            content: "Open the services planning",
            trigger: ".o_main_navbar [data-menu-xmlid='front_office_quotes.menu_services_planning']",
            run: "click",
        },
        {
            content: "Click a free slot: the last day of the week, at 14:00",
            trigger: ".o_calendar_view .fc-timegrid-slot-lane[data-time='14:00:00']",
            run() {
                const days = document.querySelectorAll(".fc-col-header-cell[data-date]");
                clickSlot(days[days.length - 1], "14:00:00");
            },
        },
        {
            content: "Pick the client",
            trigger: ".modal .o_field_widget[name=partner_id] input",
            run: "edit Mario",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Mario Rossi)",
            run: "click",
        },
        {
            content: "Pick one of their quote lines with sessions left",
            trigger: ".modal .o_field_widget[name=sale_line_id] input",
            run: "edit Massage",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(6 left)",
            run: "click",
        },
        {
            content: "Who delivers it",
            trigger: ".modal .o_field_widget[name=resource_id] input",
            run: "edit Giulia",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Giulia)",
            run: "click",
        },
        {
            content: "Save the session",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The session is on the planning",
            trigger: "body:not(:has(.modal)) .o_calendar_view .fc-event:contains(Mario Rossi)",
        },
        // Check the client in when they arrive.
        {
            content: "Open the appointments",
            trigger: ".o_main_navbar [data-menu-xmlid='front_office_quotes.menu_appointments']",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:first .o_data_cell[name=partner_id]",
            run: "click",
        },
        {
            content: "Check the client in",
            trigger: ".o_statusbar_buttons button[name=action_check_in]",
            run: "click",
        },
        {
            content: "The session is attended",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Attended)",
        },
    ],
});
