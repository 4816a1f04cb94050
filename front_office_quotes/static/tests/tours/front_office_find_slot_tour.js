import { registry } from "@web/core/registry";

const THERAPIST = ".o_fo_diary_column:has(.o_fo_diary_head:contains(Giulia))";
const MASSAGE_ROOM = ".o_fo_diary_column:has(.o_fo_diary_head:contains(Massage Room))";

/**
 * "When is the next free massage, in the afternoon?": Find a Slot from the client
 * record, narrow it to the afternoon, book the first free time in one click; the
 * Diary opens on its day with the session in the operator's and the room's columns.
 */
registry.category("web_tour.tours").add("front_office_find_slot_tour", {
    steps: () => [
        {
            content: "Find a Slot from the client record",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_fo_find_slot]",
            run: "click",
        },
        {
            content: "The first free times are listed at once",
            trigger: ".modal .o_field_widget[name=result_ids] .o_data_row",
        },
        {
            content: "Only the afternoon",
            trigger: ".modal .o_field_widget[name=time_of_day] input[data-value=afternoon]",
            run: "click",
        },
        {
            content: "Search again",
            trigger: ".modal button[name=action_search]",
            run: "click",
        },
        {
            content: "The free times now answer the afternoon search",
            trigger: ".modal .o_field_widget[name=result_label]:contains(Afternoon)",
        },
        {
            content: "The first free afternoon time, with its operator and room",
            trigger:
                ".modal .o_field_widget[name=result_ids] .o_data_row:first:contains(Giulia):contains(Massage Room)",
        },
        {
            content: "Book it in one click",
            trigger:
                ".modal .o_field_widget[name=result_ids] .o_data_row:first button[name=action_book]:visible",
            run: "click",
        },
        {
            content: "The Diary shows the session in the operator's column",
            trigger: `${THERAPIST} .o_fo_diary_card:contains(Mario Rossi)`,
        },
        {
            content: "...and holds the room",
            trigger: `${MASSAGE_ROOM} .o_fo_diary_card:contains(Mario Rossi)`,
        },
    ],
});
