import { registry } from "@web/core/registry";
import { calendarView } from "@web/views/calendar/calendar_view";
import { FoPlanningCalendarController } from "./planning_calendar_controller";
import { FoPlanningCalendarModel } from "./planning_calendar_model";
import { FoPlanningCalendarRenderer } from "./planning_calendar_renderer";

/** The services planning: ``<calendar js_class="fo_planning_calendar">``. */
export const foPlanningCalendarView = {
    ...calendarView,
    Controller: FoPlanningCalendarController,
    Model: FoPlanningCalendarModel,
    Renderer: FoPlanningCalendarRenderer,
};

registry.category("views").add("fo_planning_calendar", foPlanningCalendarView);
