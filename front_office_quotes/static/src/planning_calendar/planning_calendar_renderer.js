import { onWillUpdateProps } from "@odoo/owl";
import { CalendarCommonRenderer } from "@web/views/calendar/calendar_common/calendar_common_renderer";
import { CalendarRenderer } from "@web/views/calendar/calendar_renderer";

/**
 * The week (or day) of the services planning: the opening hours only, the
 * non-working time shaded, cards that name the client and the service and show
 * the session's state.
 */
export class FoPlanningCommonRenderer extends CalendarCommonRenderer {
    static eventTemplate = "front_office_quotes.PlanningCalendarEvent";

    setup() {
        super.setup();
        // A filter changes the operators shown, hence the hours: FullCalendar
        // keeps its instance, it is told the new ones.
        onWillUpdateProps(({ model }) => {
            for (const [name, value] of Object.entries(this.planningOptions(model))) {
                this.fc.api.setOption(name, value);
            }
        });
    }

    planningOptions(model = this.props.model) {
        if (!["day", "week"].includes(model.scale)) {
            return {};
        }
        const { slotMinTime, slotMaxTime } = model.slotRange;
        return {
            slotMinTime,
            slotMaxTime,
            scrollTime: slotMinTime,
            businessHours: model.planningHours.business_hours || false,
        };
    }

    get options() {
        return {
            ...super.options,
            // A session is never all day.
            allDaySlot: false,
            // The opening hours fill the height: a 50' card has room for the
            // client, the service and the time.
            expandRows: true,
            ...this.planningOptions(),
        };
    }

    eventClassNames({ event }) {
        const classes = super.eventClassNames(...arguments);
        const record = this.props.model.records[event.id];
        if (record) {
            classes.push("o_fo_planning_event", `o_fo_state_${record.state}`);
        }
        return classes;
    }
}

export class FoPlanningCalendarRenderer extends CalendarRenderer {
    static components = {
        ...CalendarRenderer.components,
        day: FoPlanningCommonRenderer,
        week: FoPlanningCommonRenderer,
        month: FoPlanningCommonRenderer,
    };
}
