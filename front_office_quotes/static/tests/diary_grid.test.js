import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { describe, expect, test } from "@odoo/hoot";
import { animationFrame, click, drag, queryAll, queryAllTexts, queryOne } from "@odoo/hoot-dom";
import { mountWithCleanup } from "@web/../tests/web_test_helpers";
import { DiaryGrid } from "@front_office_quotes/diary_grid/diary_grid";
import { diaryDay, session } from "./diary_test_data";

defineMailModels();
describe.current.tags("desktop");

/** Mount the grid of ``data``; its calls are steps. */
async function mountGrid(data) {
    await mountWithCleanup(DiaryGrid, {
        props: {
            data,
            onCellClick: (resource, start) =>
                expect.step(`book ${resource.name} ${start.toFormat("HH:mm")}`),
            onCardClick: (booking) => expect.step(`open ${booking.id}`),
            onMove: (booking, resource, start) =>
                expect.step(`move ${booking.id} ${resource.name} ${start.toFormat("HH:mm")}`),
        },
    });
}

const round = (value) => Math.round(value * 100) / 100;

/** The inline position of ``selector``: top and height in px, left and width. */
function box(selector) {
    const style = queryOne(selector).style;
    return {
        top: round(parseFloat(style.top)),
        height: round(parseFloat(style.height)),
        left: style.left,
        width: style.width,
    };
}

const column = (name) => `.o_fo_diary_column:has(.o_fo_diary_head:contains(${name}))`;

test("a column per resource in the order given, 15-minute rows over the opening hours", async () => {
    await mountGrid(diaryDay());
    expect(queryAllTexts(".o_fo_diary_column .o_fo_diary_head")).toEqual([
        "Giulia",
        "Massage Room",
        "Physio Room",
    ]);
    expect(`${column("Giulia")} .fa-user`).toHaveCount(1);
    expect(`${column("Massage Room")} .fa-cube`).toHaveCount(1);
    // 08:00-20:00: 48 rows of 22 px, hours labelled in the gutter.
    expect(`${column("Giulia")} .o_fo_diary_cell`).toHaveCount(48);
    expect(queryOne(`${column("Giulia")} .o_fo_diary_body`).style.height).toBe("1056px");
    expect(queryAllTexts(".o_fo_diary_gutter .o_fo_diary_hour")).toEqual(
        ["08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19"].map(
            (hour) => `${hour}:00`
        )
    );
});

test("a card at its time, as tall as the session, in its resource's and its room's column", async () => {
    await mountGrid(diaryDay({ bookings: [session({ payment_state: "paid" })] }));
    expect(".o_fo_diary_card").toHaveCount(2);
    expect(`${column("Physio Room")} .o_fo_diary_card`).toHaveCount(0);
    for (const name of ["Giulia", "Massage Room"]) {
        const card = `${column(name)} .o_fo_diary_card`;
        // 10:00 is 8 rows below 08:00; 50 minutes are 3 rows and a third, less the gap.
        expect(box(card)).toEqual({
            top: 176,
            height: round((50 / 15) * 22 - 2),
            left: "calc(0% + 2px)",
            width: "calc(100% - 4px)",
        });
        expect(card).toHaveClass("o_fo_state_booked");
        expect(`${card} b`).toHaveText("10:00");
        expect(`${card} .o_fo_diary_card_client`).toHaveText("Mario Rossi");
        expect(`${card} .o_fo_diary_rank`).toHaveText("1/10");
        expect(`${card} .o_fo_diary_paid`).toHaveCount(1);
    }
});

test("overlapping sessions stand side by side; a later one takes the freed lane", async () => {
    await mountGrid(
        diaryDay({
            bookings: [
                session({ id: 1, resource_id: 3, room_id: false, state: "done" }),
                session({
                    id: 2,
                    resource_id: 3,
                    room_id: false,
                    start: "2026-03-02 09:30:00",
                    stop: "2026-03-02 10:20:00",
                }),
                session({
                    id: 3,
                    resource_id: 3,
                    room_id: false,
                    start: "2026-03-02 10:00:00",
                    stop: "2026-03-02 10:30:00",
                }),
            ],
        })
    );
    const card = (id) => `${column("Physio Room")} .o_fo_diary_card[data-booking-id='${id}']`;
    expect(box(card(1))).toMatchObject({ left: "calc(0% + 2px)", width: "calc(50% - 4px)" });
    expect(box(card(2))).toMatchObject({ left: "calc(50% + 2px)", width: "calc(50% - 4px)" });
    // 11:00 starts when the first one has ended: back in the first lane.
    expect(box(card(3))).toMatchObject({ top: 264, left: "calc(0% + 2px)" });
    expect(card(1)).toHaveClass("o_fo_state_done");
});

test("a late cancellation is drawn aside, narrow: its time is a free cell to book", async () => {
    await mountGrid(
        diaryDay({
            bookings: [
                session({ id: 1, resource_id: 3, room_id: false, state: "late_cancel" }),
                session({
                    id: 2,
                    resource_id: 3,
                    room_id: false,
                    start: "2026-03-02 10:00:00",
                    stop: "2026-03-02 10:30:00",
                }),
            ],
        })
    );
    const card = (id) => `${column("Physio Room")} .o_fo_diary_card[data-booking-id='${id}']`;
    expect(card(1)).toHaveClass("o_fo_diary_card_aside");
    expect(box(card(1))).toMatchObject({ left: "calc(78% + 2px)", width: "calc(22% - 4px)" });
    // The sessions still booked keep the rest of the column.
    expect(box(card(2))).toMatchObject({ left: "calc(0% + 2px)", width: "calc(78% - 4px)" });
    // The middle of the 10:15 cell is the cell, not the card: a click books it.
    const cell = queryOne(`${column("Physio Room")} .o_fo_diary_cell[data-time='10:15']`);
    const rect = cell.getBoundingClientRect();
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    expect(document.elementFromPoint(x, y)).toBe(cell);
    await click(cell);
    expect.verifySteps(["book Physio Room 10:15"]);
});

test("a session outside the opening hours is clipped to the grid, at least one row tall", async () => {
    await mountGrid(
        diaryDay({
            bookings: [
                session({ start: "2026-03-02 06:30:00", stop: "2026-03-02 07:05:00" }),
            ],
        })
    );
    expect(box(`${column("Giulia")} .o_fo_diary_card`)).toMatchObject({ top: 0, height: 20 });
});

test("non-working time and leaves are hatched in their column only", async () => {
    await mountGrid(
        diaryDay({
            unavailable: {
                1: [
                    ["2026-03-01 23:00:00", "2026-03-02 08:00:00"], // midnight to 09:00
                    ["2026-03-02 11:00:00", "2026-03-02 12:00:00"], // lunch 12:00-13:00
                ],
                2: [],
            },
        })
    );
    const blocks = queryAll(`${column("Giulia")} .o_fo_diary_unavailable`);
    expect(blocks.map((el) => [parseFloat(el.style.top), parseFloat(el.style.height)])).toEqual([
        [0, 88],
        [352, 88],
    ]);
    expect(`${column("Massage Room")} .o_fo_diary_unavailable`).toHaveCount(0);
});

test("a click on a free cell books that resource at that time; on a card opens it", async () => {
    await mountGrid(diaryDay({ bookings: [session()] }));
    await click(`${column("Massage Room")} .o_fo_diary_cell[data-time='10:45']`);
    await click(`${column("Giulia")} .o_fo_diary_card`);
    expect.verifySteps(["book Massage Room 10:45", "open 7"]);
});

test("a card dragged to another column and row is moved there, its top where it lands", async () => {
    await mountGrid(diaryDay({ bookings: [session()] }));
    const edge = { position: { x: 5, y: 2 }, relative: true };
    const { moveTo, drop } = await drag(`${column("Giulia")} .o_fo_diary_card`, edge);
    await moveTo(`${column("Physio Room")} .o_fo_diary_cell[data-time='12:30']`, edge);
    await animationFrame(); // the pointer is followed once a frame
    await animationFrame(); // the drop cell is drawn
    expect(`${column("Physio Room")} .o_fo_diary_cell[data-time='12:30']`).toHaveClass(
        "o_fo_diary_drop"
    );
    await drop(`${column("Physio Room")} .o_fo_diary_cell[data-time='12:30']`, edge);
    await animationFrame();
    expect(".o_fo_diary_drop").toHaveCount(0);
    // Dropping does not also click the card.
    expect.verifySteps(["move 7 Physio Room 12:30"]);
});
