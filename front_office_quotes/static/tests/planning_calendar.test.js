import { defineMailModels, mailModels } from "@mail/../tests/mail_test_helpers";
import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { animationFrame, queryAllTexts, queryFirst } from "@odoo/hoot-dom";
import { mockDate } from "@odoo/hoot-mock";
import {
    clickEvent,
    moveEventToTime,
    resizeEventToTime,
    selectTimeRange,
    toggleFilter,
} from "@web/../tests/views/calendar/calendar_test_helpers";
import {
    defineModels,
    fields,
    makeServerError,
    models,
    mountView,
    onRpc,
    patchWithCleanup,
    preloadBundle,
} from "@web/../tests/web_test_helpers";
import { CalendarCommonRenderer } from "@web/views/calendar/calendar_common/calendar_common_renderer";
import { planningSlotRange } from "@front_office_quotes/planning_calendar/planning_calendar_model";

describe.current.tags("desktop");

class FrontOfficeBooking extends models.Model {
    _name = "front.office.booking";

    partner_id = fields.Many2one({ string: "Client", relation: "res.partner" });
    product_id = fields.Many2one({ string: "Service", relation: "product.product" });
    resource_id = fields.Many2one({ string: "Resource", relation: "resource.resource" });
    start = fields.Datetime();
    duration = fields.Float();
    stop = fields.Datetime({ readonly: true });
    state = fields.Selection({
        selection: [
            ["booked", "Booked"],
            ["done", "Attended"],
            ["no_show", "No-show"],
            ["late_cancel", "Late cancellation"],
            ["cancelled", "Cancelled"],
        ],
        default: "booked",
    });

    has_access() {
        return true;
    }

    _records = [
        // Monday 2 March 2026, 10:00-10:50 on the browser's clock (UTC+1).
        {
            id: 1,
            partner_id: 11,
            product_id: 21,
            resource_id: 31,
            start: "2026-03-02 09:00:00",
            // As stored for a 50' service entered as 0.8333 hours: the card and
            // the popover end at the stop (10:50), not at 10:49:59.
            duration: 0.8333,
            stop: "2026-03-02 09:50:00",
            state: "booked",
        },
        {
            id: 2,
            partner_id: 12,
            product_id: 21,
            resource_id: 32,
            start: "2026-03-03 09:00:00",
            duration: 1,
            stop: "2026-03-03 10:00:00",
            state: "late_cancel",
        },
        {
            id: 3,
            partner_id: 11,
            product_id: 21,
            resource_id: 31,
            start: "2026-03-04 09:00:00",
            duration: 1,
            stop: "2026-03-04 10:00:00",
            state: "no_show",
        },
        {
            id: 4,
            partner_id: 12,
            product_id: 21,
            resource_id: 32,
            start: "2026-03-05 09:00:00",
            duration: 1,
            stop: "2026-03-05 10:00:00",
            state: "done",
        },
        {
            id: 5,
            partner_id: 11,
            product_id: 21,
            resource_id: 31,
            start: "2026-03-06 09:00:00",
            duration: 1,
            stop: "2026-03-06 10:00:00",
            state: "cancelled",
        },
    ];

    _views = {
        form: `
            <form>
                <field name="partner_id"/>
                <field name="start"/>
                <field name="duration"/>
                <field name="resource_id"/>
            </form>`,
    };
}

class ResPartner extends mailModels.ResPartner {}

class ProductProduct extends models.Model {
    _name = "product.product";

    name = fields.Char();

    _records = [{ id: 21, name: "Massage 50'" }];
}

class ResourceResource extends models.Model {
    _name = "resource.resource";

    name = fields.Char();

    _records = [
        { id: 31, name: "Giulia" },
        { id: 32, name: "Marco" },
    ];
}

defineMailModels();
defineModels([FrontOfficeBooking, ResPartner, ProductProduct, ResourceResource]);
ResPartner._records.push({ id: 11, name: "Mario Rossi" }, { id: 12, name: "Laura Bianchi" });
preloadBundle("web.fullcalendar_lib");

const ARCH = `
    <calendar js_class="fo_planning_calendar" date_start="start" date_stop="stop" date_delay="duration"
              color="resource_id" mode="week" quick_create="0" event_open_popup="1">
        <field name="partner_id"/>
        <field name="product_id"/>
        <field name="resource_id" filters="1"/>
        <field name="state"/>
    </calendar>`;

/** The centre opens 09:00-13:00 on Mondays and 08:30-12:30 on Saturdays. */
const HOURS = {
    slot_min: "08:00",
    slot_max: "13:00",
    business_hours: [
        { daysOfWeek: [1], startTime: "09:00", endTime: "13:00" },
        { daysOfWeek: [6], startTime: "08:30", endTime: "12:30" },
    ],
};

beforeEach(() => {
    mockDate("2026-03-02T08:00:00", 1);
    patchWithCleanup(CalendarCommonRenderer.prototype, {
        get options() {
            return { ...super.options, longPressDelay: 0, selectLongPressDelay: 0 };
        },
    });
    onRpc("has_group", () => true);
});

async function openPlanning(hours = HOURS) {
    onRpc("front.office.booking", "fo_planning_hours", ({ args, kwargs }) => {
        expect.step(`hours ${args.join(" ")} ${JSON.stringify(kwargs.resource_ids)}`);
        return hours;
    });
    await mountView({ resModel: "front.office.booking", type: "calendar", arch: ARCH });
    // One call for the week shown (the test locale starts it on Sunday).
    expect.verifySteps(["hours 2026-03-01 2026-03-07 null"]);
}

function slotTimes() {
    return [...document.querySelectorAll(".fc-timegrid-slot-lane[data-time]")].map(
        (lane) => lane.dataset.time
    );
}

test("the week shows the opening hours the server gives, closed time shaded", async () => {
    await openPlanning();
    const times = slotTimes();
    expect(times[0]).toBe("08:00:00");
    expect(times.at(-1)).toBe("12:30:00");
    expect(".fc-timegrid-col .fc-non-business").not.toHaveCount(0);
    expect(".fc-timegrid-axis-cushion:contains(all-day)").toHaveCount(0);
});

test("a session outside the opening hours widens the week to show it", async () => {
    await openPlanning({ slot_min: "09:00", slot_max: "10:00", business_hours: false });
    const times = slotTimes();
    // The sessions run 10:00-11:00 on the browser's clock.
    expect(times[0]).toBe("09:00:00");
    expect(times.at(-1)).toBe("10:30:00");
    expect(".fc-non-business").toHaveCount(0);
});

test("the slot range: opening hours widened to whole hours around the sessions", () => {
    const { DateTime } = luxon;
    const at = (hour, minute = 0) => DateTime.local(2026, 3, 2, hour, minute);
    expect(planningSlotRange({ slot_min: "08:00", slot_max: "20:00" }, [])).toEqual({
        slotMinTime: "08:00:00",
        slotMaxTime: "20:00:00",
    });
    const early = { start: at(7, 30), end: at(8, 20) };
    const late = { start: at(20, 10), end: at(21, 5) };
    expect(planningSlotRange({ slot_min: "08:00", slot_max: "20:00" }, [early, late])).toEqual({
        slotMinTime: "07:00:00",
        slotMaxTime: "22:00:00",
    });
    const allDay = { start: at(0), end: at(23, 59), isAllDay: true };
    expect(planningSlotRange({ slot_min: "09:00", slot_max: "18:00" }, [allDay])).toEqual({
        slotMinTime: "09:00:00",
        slotMaxTime: "18:00:00",
    });
});

test("a 50' card names the client first, then the service and the time", async () => {
    await openPlanning();
    const card = queryFirst(".o_event[data-event-id='1']");
    expect(card).toHaveClass(["o_fo_planning_event", "o_fo_state_booked"]);
    expect(queryAllTexts(".o_fo_planning_client b", { root: card })).toEqual(["Mario Rossi"]);
    expect(queryAllTexts(".o_fo_planning_service", { root: card })).toEqual(["Massage 50'"]);
    expect(queryAllTexts(".o_fo_planning_time", { root: card })).toEqual(["10:00 - 10:50"]);
    // The client's line comes first: inside the card, however short it is.
    const cardRect = card.getBoundingClientRect();
    const client = queryFirst(".o_fo_planning_client", { root: card }).getBoundingClientRect();
    expect(client.bottom).toBeLessThan(cardRect.bottom + 1);
    // Not the one-liner core draws for quarters of an hour.
    expect(card).not.toHaveClass("o_event_oneliner");
});

test("each state has its look and the legend explains them", async () => {
    await openPlanning();
    const card = (id) => `.o_event[data-event-id='${id}']`;
    expect(card(2)).toHaveClass(["o_fo_state_late_cancel", "o_event_hatched"]);
    expect(card(3)).toHaveClass(["o_fo_state_no_show", "o_event_hatched"]);
    expect(card(4)).toHaveClass("o_fo_state_done");
    expect(card(4)).not.toHaveClass("o_event_hatched");
    expect(card(5)).toHaveClass("o_fo_state_cancelled");
    expect(`${card(2)} .fa-clock-o[title='Late cancellation']`).toHaveCount(1);
    expect(`${card(3)} .fa-user-times[title='No-show']`).toHaveCount(1);
    expect(`${card(4)} .fa-check[title='Attended']`).toHaveCount(1);
    expect(`${card(1)} .fa`).toHaveCount(0);
    expect(queryAllTexts(".o_fo_planning_legend_item .fw-bold")).toEqual([
        "Booked",
        "Attended",
        "No-show",
        "Late cancellation",
        "Cancelled",
    ]);
});

test("the popover of a 50' session shows its time and its length", async () => {
    await openPlanning();
    await clickEvent(1);
    expect(".o_cw_popover .popover-header").toHaveText("Mario Rossi — Massage 50'");
    expect(".o_cw_popover .list-group-item .fa-clock-o").toHaveCount(1);
    expect(".o_cw_popover .fa-clock-o + span").toHaveText("10:00 - 10:50");
    expect(".o_cw_popover .fa-clock-o ~ small").toHaveText("(50 minutes)");
});

test("a move the rule book refuses puts the card back and writes no stop", async () => {
    expect.errors(1);
    onRpc("front.office.booking", "write", ({ args }) => {
        expect.step(`write ${Object.keys(args[1]).sort().join(",")}`);
        throw makeServerError({ message: "Giulia Conti is already booked at that time." });
    });
    await openPlanning();
    expect.verifySteps([]);
    await moveEventToTime(1, "2026-03-02 12:00:00");
    await animationFrame();
    expect.verifySteps(["write duration,start", "hours 2026-03-01 2026-03-07 null"]);
    expect.verifyErrors(["Giulia Conti is already booked at that time."]);
    expect(".o_event[data-event-id='1'] .o_fo_planning_time").toHaveText("10:00 - 10:50");
});

test("a resize writes the session's duration, never its stop", async () => {
    onRpc("front.office.booking", "write", ({ args }) => {
        expect.step(`write ${JSON.stringify(args[1])}`);
    });
    await openPlanning();
    // Dragged down by two quarters: 10:00-10:50 becomes 10:00-11:20.
    await resizeEventToTime(1, "2026-03-02 11:30:00");
    expect.verifySteps([
        `write {"start":"2026-03-02 09:00:00","duration":${80 / 60}}`,
        "hours 2026-03-01 2026-03-07 null",
    ]);
});

test("a free slot with one operator filtered opens the session with that operator", async () => {
    await openPlanning();
    onRpc("front.office.booking", "onchange", ({ kwargs }) => {
        const { default_start, default_resource_id } = kwargs.context;
        expect.step(`new ${default_start} ${default_resource_id}`);
    });
    await toggleFilter("resource_id", "32");
    expect.verifySteps(["hours 2026-03-01 2026-03-07 [31]"]);
    await selectTimeRange("2026-03-02 11:00:00", "2026-03-02 11:45:00");
    await animationFrame();
    expect(".modal .modal-title").toHaveText("New Session");
    expect.verifySteps(["new 2026-03-02 10:00:00 31"]);
});
