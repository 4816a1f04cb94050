import { registry } from "@web/core/registry";

/**
 * A client on the waitlist opens the link of the offer on a phone and books the
 * time that has freed up.
 */
registry.category("web_tour.tours").add("front_office_waitlist_tour", {
    steps: () => [
        {
            content: "The offer shows the time that has freed up",
            trigger: ".o_fo_portal_offer .o_fo_portal_offer_start",
        },
        {
            content: "Book this time",
            trigger: "button.o_fo_portal_offer_book",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The session is booked",
            trigger: ".o_fo_portal_session .alert-success",
        },
    ],
});
