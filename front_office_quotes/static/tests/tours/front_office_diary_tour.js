import { animationFrame, drag } from "@odoo/hoot-dom";
import { registry } from "@web/core/registry";

/** The Diary column of the resource named ``name``. */
function column(name) {
    return [...document.querySelectorAll(".o_fo_diary_column")].find((col) =>
        col.querySelector(".o_fo_diary_head").textContent.includes(name)
    );
}

/**
 * Drag ``card`` by its top edge and drop it on the cell of ``time`` in the column of
 * ``name``: the card's top lands on that time.
 */
async function dragCard(card, name, time) {
    const cell = column(name).querySelector(`.o_fo_diary_cell[data-time='${time}']`);
    const edge = { position: { x: 5, y: 2 }, relative: true };
    const { moveTo, drop } = await drag(card, edge);
    // The Diary follows the pointer once per animation frame, as a hand would move.
    await moveTo(cell, edge);
    await animationFrame();
    await drop(cell, edge);
}

const GIULIA = ".o_fo_diary_column:has(.o_fo_diary_head:contains(Giulia))";
const MASSAGE_ROOM = ".o_fo_diary_column:has(.o_fo_diary_head:contains(Massage Room))";
const PHYSIO_ROOM = ".o_fo_diary_column:has(.o_fo_diary_head:contains(Physio Room))";

/**
 * The desk's day on the Diary: book a client's remaining session from a free cell,
 * move it to another column and time, see a refused move snap back, check the client in.
 */
registry.category("web_tour.tours").add("front_office_diary_tour", {
    steps: () => [
        {
            content: "The Diary shows a column per operator and room",
            trigger: `${GIULIA} .o_fo_diary_cell[data-time='10:00']`,
            run: "click",
        },
        {
            content: "Find the client with the quick search",
            trigger: ".modal .o_fo_diary_client_search",
            run: "edit Mario",
        },
        {
            trigger: ".modal .o_fo_diary_client:contains(Mario Rossi)",
            run: "click",
        },
        {
            content: "Book one of the sessions left",
            trigger: ".modal .o_fo_diary_line:contains(10 left)",
            run: "click",
        },
        {
            content: "The session is on Giulia's column at 10:00",
            trigger: `body:not(:has(.modal)) ${GIULIA} .o_fo_diary_card:contains(Mario Rossi):contains(10:00)`,
            run() {
                return dragCard(this.anchor, "Massage Room", "11:00");
            },
        },
        {
            content: "Moved to the massage room at 11:00",
            trigger: `${MASSAGE_ROOM} .o_fo_diary_card:contains(Mario Rossi):contains(11:00)`,
        },
        {
            trigger: `${GIULIA}:not(:has(.o_fo_diary_card))`,
            run() {
                const card = column("Massage Room").querySelector(".o_fo_diary_card");
                return dragCard(card, "Physio Room", "12:00");
            },
        },
        {
            content: "The physiotherapy room cannot deliver a massage: refused, with the reason",
            trigger: ".o_notification:contains(cannot deliver)",
        },
        {
            content: "The card snapped back",
            trigger: `${PHYSIO_ROOM}:not(:has(.o_fo_diary_card))`,
        },
        {
            trigger: `${MASSAGE_ROOM} .o_fo_diary_card:contains(Mario Rossi):contains(11:00)`,
        },
        {
            content: "Check the client in from today's arrivals",
            trigger: ".o_fo_diary_arrival:contains(Mario Rossi) .o_fo_diary_check_in",
            run: "click",
        },
        {
            content: "The session is attended",
            trigger: `${MASSAGE_ROOM} .o_fo_diary_card.o_fo_state_done:contains(Mario Rossi)`,
        },
        {
            trigger: ".o_fo_diary_arrival:contains(Mario Rossi):not(:has(.o_fo_diary_check_in))",
        },
    ],
});
