import { _t } from "@web/core/l10n/translation";
import { CalendarController } from "@web/views/calendar/calendar_controller";
import { CalendarSidePanel } from "@web/views/calendar/calendar_side_panel/calendar_side_panel";

/** The states the legend explains, in the order a session lives them. */
export const LEGEND_STATES = ["booked", "done", "no_show", "late_cancel", "cancelled"];

/** Core's side panel (date picker, operators) with the legend of the cards. */
export class FoPlanningSidePanel extends CalendarSidePanel {
    static template = "front_office_quotes.PlanningSidePanel";

    get legend() {
        const selection = this.props.model.fields.state?.selection || [];
        const labels = Object.fromEntries(selection);
        return LEGEND_STATES.filter((state) => labels[state]).map((state) => ({
            state,
            label: labels[state],
            help: this.legendHelp[state],
        }));
    }

    get legendHelp() {
        return {
            booked: _t("The client is expected."),
            done: _t("The client came."),
            no_show: _t("The client did not come: the session is used, the time is free."),
            late_cancel: _t("Cancelled too late: the session is used, the time is free."),
            cancelled: _t("Cancelled in time: the session goes back to the quote."),
        };
    }
}

export class FoPlanningCalendarController extends CalendarController {
    static components = {
        ...CalendarController.components,
        CalendarSidePanel: FoPlanningSidePanel,
    };

    get editRecordDefaultDisplayText() {
        return _t("New Session");
    }
}
