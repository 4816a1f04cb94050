import { registry } from "@web/core/registry";

const GIULIA = ".o_fo_diary_column:has(.o_fo_diary_head:contains(Giulia))";
const MARIO = `${GIULIA} .o_fo_diary_card:contains(Mario Rossi)`;

/**
 * Safe state changes in the Diary (tomorrow, within the notice): a cancellation is
 * confirmed with its reason and undone; cancelled again, the card is drawn aside and
 * its time is booked for another client.
 */
registry.category("web_tour.tours").add("front_office_diary_cancel_tour", {
    steps: () => [
        {
            content: "Tomorrow's Diary",
            trigger: ".o_fo_diary_next",
            run: "click",
        },
        {
            content: "Open Mario's session",
            trigger: `${MARIO}.o_fo_state_booked`,
            run: "click",
        },
        {
            trigger: ".modal .o_fo_diary_action_cancel",
            run: "click",
        },
        {
            content: "The dialog says the late cancellation uses the session",
            trigger: ".modal .o_fo_diary_confirm:contains(counts as a used session)",
        },
        {
            trigger: ".modal .o_fo_cancel_reason",
            run: "edit Client has the flu",
        },
        {
            trigger: ".modal .o_fo_diary_action_confirm",
            run: "click",
        },
        {
            content: "Cancelled late: the card is drawn aside",
            trigger: `body:not(:has(.modal)) ${MARIO}.o_fo_state_late_cancel.o_fo_diary_card_aside`,
        },
        {
            content: "Undo it at once",
            trigger: ".o_fo_diary_undo_notification button:contains(Undo)",
            run: "click",
        },
        {
            content: "Booked again",
            trigger: `${MARIO}.o_fo_state_booked:not(.o_fo_diary_card_aside)`,
            run: "click",
        },
        {
            content: "Cancel it for good",
            trigger: ".modal .o_fo_diary_action_cancel",
            run: "click",
        },
        {
            trigger: ".modal .o_fo_cancel_reason",
            run: "edit Client moved away",
        },
        {
            trigger: ".modal .o_fo_diary_action_confirm",
            run: "click",
        },
        {
            content: "Its time is a free cell: book Laura there",
            trigger: `body:not(:has(.modal)) ${MARIO}.o_fo_diary_card_aside`,
            run() {
                this.anchor
                    .closest(".o_fo_diary_column")
                    .querySelector(".o_fo_diary_cell[data-time='10:15']")
                    .click();
            },
        },
        {
            trigger: ".modal .o_fo_diary_client_search",
            run: "edit Laura",
        },
        {
            trigger: ".modal .o_fo_diary_client:contains(Laura Bianchi)",
            run: "click",
        },
        {
            trigger: ".modal .o_fo_diary_line:contains(10 left)",
            run: "click",
        },
        {
            content: "Laura is booked at 10:15, beside the late cancellation",
            trigger: `body:not(:has(.modal)) ${GIULIA} .o_fo_diary_card.o_fo_state_booked:contains(Laura Bianchi):contains(10:15)`,
        },
    ],
});
