import { registry } from "@web/core/registry";

const PREVIEW = ".modal .o_field_widget[name=slot_ids]";

/**
 * The booking wizard plans a series whose first session is busy: one switch moves
 * every busy session to the first free time, the preview shows where, Book books it.
 */
registry.category("web_tour.tours").add("front_office_move_busy_tour", {
    steps: () => [
        {
            content: "Book the sessions of the confirmed quote",
            trigger: ".o_statusbar_buttons button[name=action_fo_book_sessions]",
            run: "click",
        },
        {
            content: "The first planned session is busy",
            trigger: `${PREVIEW} .o_data_row.text-danger`,
        },
        {
            content: "Move every busy session to the first free time",
            trigger: ".modal .o_field_widget[name=move_busy_all] input",
            run: "click",
        },
        {
            content: "The preview: nothing busy any more, the moved session shows its planned time",
            trigger: `${PREVIEW} tbody:not(:has(.text-danger)) .o_data_row.text-success .o_data_cell[name=moved_from]:not(:empty)`,
        },
        {
            content: "Book",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The sessions are booked",
            trigger: ".o_list_view .o_data_row:contains(Massage)",
        },
    ],
});
