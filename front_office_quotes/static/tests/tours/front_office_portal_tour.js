import { registry } from "@web/core/registry";

/**
 * A client, not logged in, opens the session from the link of their message on a
 * phone, moves it to the first free time two weeks on, then cancels it.
 */
registry.category("web_tour.tours").add("front_office_portal_tour", {
    steps: () => [
        {
            content: "The session's page shows the service and its time",
            trigger: ".o_fo_portal_session .o_fo_portal_start",
        },
        {
            content: "Move to another time",
            trigger: "a.o_fo_portal_reschedule",
            run: "click",
            expectUnloadPage: true,
        },
        {
            // The first times are inside the centre's cancellation notice: a
            // session moved there could not be cancelled online any more.
            content: "Look at the two weeks after",
            trigger: "a.o_fo_portal_later",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Pick the first free time offered",
            trigger: ".o_fo_portal_day button.o_fo_portal_time:first",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The session has moved",
            trigger: ".o_fo_portal_session .alert-success",
        },
        {
            content: "Cancel the session",
            trigger: "button.o_fo_portal_cancel",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The session is cancelled, nothing left to change",
            trigger: ".o_fo_portal_session .alert-success",
        },
        {
            content: "No cancel button any more",
            trigger: ".o_fo_portal_session:not(:has(.o_fo_portal_cancel))",
        },
    ],
});
