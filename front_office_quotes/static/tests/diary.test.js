import { waitForChannels } from "@bus/../tests/bus_test_helpers";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { describe, expect, test } from "@odoo/hoot";
import {
    advanceTime,
    animationFrame,
    click,
    edit,
    queryAllTexts,
    waitUntil,
} from "@odoo/hoot-dom";
import {
    defineActions,
    getService,
    MockServer,
    mountWithCleanup,
    onRpc,
} from "@web/../tests/web_test_helpers";
import { WebClient } from "@web/webclient/webclient";
import { diaryDay, session } from "./diary_test_data";

defineMailModels();
describe.current.tags("desktop");

defineActions([
    {
        id: 1,
        name: "Diary",
        tag: "front_office_quotes.diary",
        type: "ir.actions.client",
    },
]);

const DIARY_CHANNEL = "front_office_quotes.diary";
const DIARY_CHANGED = "front_office_quotes.diary/changed";

/** Open the Diary; each read of a day is a step ("read <day>"). */
async function openDiary(values = {}) {
    onRpc("front.office.booking", "fo_diary_data", ({ args }) => {
        const day = args[0] || "2026-03-02";
        expect.step(`read ${args[0] || "today"}`);
        return diaryDay({ day, ...values });
    });
    await mountWithCleanup(WebClient);
    await getService("action").doAction(1);
}

test("the Diary is a client action with core's control panel: breadcrumb and the day", async () => {
    await openDiary();
    expect(".o_fo_diary .o_control_panel .o_breadcrumb").toHaveText("Diary");
    expect(".o_control_panel .o_fo_diary_navigation .o_fo_diary_day").toHaveText(
        "Monday, March 2, 2026"
    );
    expect(".o_fo_diary .o_content .o_fo_diary_grid").toHaveCount(1);
    expect(".o_fo_diary .o_content .o_fo_diary_arrivals").toHaveCount(1);
    expect.verifySteps(["read today"]);
});

test("who waits for the day is listed beside the arrivals, oldest first", async () => {
    await openDiary({
        waitlist: [
            {
                id: 4,
                partner_id: 9,
                partner_name: "Sara Neri",
                service: "Massage 50'",
                operators: "Giulia",
                hours: "Morning (00:00–13:00)",
                state: "waiting",
                state_label: "Waiting",
            },
            {
                id: 5,
                partner_id: 10,
                partner_name: "Paolo Gialli",
                service: "Massage 50'",
                operators: "",
                hours: "Any Time",
                state: "offered",
                state_label: "Offered",
            },
        ],
    });
    expect(".o_fo_diary_arrivals .o_fo_diary_waitlist h5").toHaveText("Waiting for this day");
    expect(queryAllTexts(".o_fo_diary_waitlist_entry .text-truncate:first-child")).toEqual([
        "Sara Neri",
        "Paolo Gialli",
    ]);
    expect.verifySteps(["read today"]);
});

test("no waitlist section when nobody waits", async () => {
    await openDiary();
    expect(".o_fo_diary_waitlist").toHaveCount(0);
    expect.verifySteps(["read today"]);
});

test("the control panel moves the Diary a day back, forth and to today", async () => {
    await openDiary();
    await click(".o_fo_diary_next");
    await animationFrame();
    expect(".o_fo_diary_day").toHaveText("Tuesday, March 3, 2026");
    await click(".o_fo_diary_prev");
    await animationFrame();
    await click(".o_fo_diary_today");
    await animationFrame();
    expect.verifySteps(["read today", "read 2026-03-03", "read 2026-03-02", "read today"]);
});

test("a change on the bus that meets the day shown reads it again, once", async () => {
    await openDiary({ bookings: [session()] });
    await waitForChannels([DIARY_CHANNEL]);
    let received = 0;
    getService("bus_service").subscribe(DIARY_CHANGED, () => received++);
    const change = (start, stop, companyId = 1) =>
        MockServer.env["bus.bus"]._sendone(DIARY_CHANNEL, DIARY_CHANGED, {
            company_id: companyId,
            start,
            stop,
        });
    /** Let the messages sent so far arrive, then the Diary's pause pass. */
    const deliver = async (count) => {
        await waitUntil(() => received === count);
        await advanceTime(1000);
        await animationFrame();
    };
    // Another desk books at 15:00 and moves a session: one read back.
    change("2026-03-02 14:00:00", "2026-03-02 14:50:00");
    change("2026-03-02 09:00:00", "2026-03-02 12:00:00");
    await deliver(2);
    expect.verifySteps(["read today", "read 2026-03-02"]);
    // Another day, another company: nothing to read.
    change("2026-03-03 09:00:00", "2026-03-03 10:00:00");
    change("2026-03-02 09:00:00", "2026-03-02 10:00:00", 99);
    await deliver(4);
    expect.verifySteps([]);
});

test("the booking dialog searches with the server's domains", async () => {
    await openDiary();
    onRpc("res.partner", "search_read", ({ kwargs }) => {
        expect.step(JSON.stringify(kwargs.domain));
        return [{ id: 11, display_name: "Mario Rossi", phone: "333 1234567", email: false }];
    });
    onRpc("sale.order.line", "search_read", ({ kwargs }) => {
        expect.step(JSON.stringify(kwargs.domain));
        return [];
    });
    onRpc("product.product", "search_read", ({ kwargs }) => {
        expect.step(JSON.stringify(kwargs.domain));
        return [];
    });
    await click(".o_fo_diary_column:eq(1) .o_fo_diary_cell[data-time='10:00']");
    await animationFrame();
    expect(".modal .modal-title").toHaveText("Book Massage Room at 10:00");
    await click(".o_fo_diary_client_search");
    await edit("mar");
    await advanceTime(300);
    await animationFrame();
    expect(queryAllTexts(".o_fo_diary_client b")).toEqual(["Mario Rossi"]);
    await click(".o_fo_diary_client");
    await animationFrame();
    expect.verifySteps([
        "read today",
        '[["fo_client_search","ilike","mar"]]',
        '["&",["order_partner_id","=",11],["fo_bookable_on","=","2026-03-02"]]',
        '[["fo_is_bookable","=",true]]',
    ]);
});
