import { registry } from "@web/core/registry";

/** Click the planning's week at HH:MM:SS of the given day column (FullCalendar's dateClick). */
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
 * The services planning as the desk uses it: next week, Giulia alone in the side
 * panel, a click on a free slot opens a new session with Giulia and, once the
 * client's quote line is chosen, the service's own duration (50').
 */
registry.category("web_tour.tours").add("front_office_planning_tour", {
    steps: () => [
        {
            content: "The week shows the centre's sessions, each card names its client",
            trigger: ".o_calendar_view .fc-event .o_fo_planning_client:contains(Laura Bianchi)",
        },
        {
            content: "Next week",
            trigger: ".o_calendar_button_next",
            run: "click",
        },
        {
            content: "Giulia's and the massage room's sessions of next week",
            trigger: ".o_calendar_filter_item:contains(Massage Room) input:checked",
        },
        {
            content: "Leave Giulia alone in the side panel",
            trigger: ".o_calendar_filter_item:contains(Massage Room) input",
            run: "click",
        },
        {
            content: "Only Giulia's sessions are shown",
            trigger:
                ".o_calendar_view:not(:has(.fc-event:contains(Laura Bianchi))) .fc-event:contains(Mario Rossi)",
        },
        {
            content: "Click a free slot: Wednesday of next week, at 15:00",
            trigger: ".o_calendar_view .fc-timegrid-slot-lane[data-time='15:00:00']",
            run() {
                const days = document.querySelectorAll(".fc-col-header-cell[data-date]");
                clickSlot(days[3], "15:00:00");
            },
        },
        {
            content: "A new session, with Giulia already",
            trigger: ".modal .modal-title:contains(New Session)",
        },
        {
            trigger: ".modal .o_field_widget[name=resource_id] input:value(Giulia)",
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
            content: "Pick their massages: only their lines with sessions left are offered",
            trigger: ".modal .o_field_widget[name=sale_line_id] input",
            run: "edit Massage",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(left)",
            run: "click",
        },
        {
            content: "The session lasts the service's 50 minutes, Giulia delivers it",
            trigger: ".modal .o_field_widget[name=duration] input:value(00:50)",
        },
        {
            trigger: ".modal .o_field_widget[name=resource_id] input:value(Giulia)",
        },
        {
            content: "Save the session",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The session is on the planning, 50 minutes long",
            trigger: [
                "body:not(:has(.modal)) .fc-event:contains(Mario Rossi) .o_fo_planning_time:contains(15:00 - 15:50)",
                "body:not(:has(.modal)) .fc-event:contains(Mario Rossi) .o_fo_planning_time:contains(03:00 PM - 03:50 PM)",
            ].join(", "),
        },
    ],
});
