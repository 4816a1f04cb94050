import { registry } from "@web/core/registry";

/**
 * A client logged in to their account, on a phone, books a session left of their
 * package, then pays it online with the demo payment provider.
 */
registry.category("web_tour.tours").add("front_office_portal_pay_tour", {
    steps: () => [
        {
            content: "Book a session left of the package",
            trigger: ".o_fo_portal_to_book a.o_fo_portal_book:first",
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
            content: "The session is booked",
            trigger: ".o_fo_portal_session .alert-success",
        },
        {
            content: "Pay it online",
            trigger: "button.o_fo_portal_pay",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The invoice's payment dialog opens: choose the demo provider",
            trigger: "#pay_with .modal-content input[name='o_payment_radio'][data-provider-code='demo']",
            run: "click",
        },
        {
            content: "Card details (test data)",
            trigger: "#pay_with input[name='customer_input']",
            run: "edit 4111 1111 1111 1111",
        },
        {
            content: "Pay",
            trigger: "#pay_with button[name='o_payment_submit_button']:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back on the invoice, paid",
            trigger: "#portal_pay .alert-success, .o_portal_sidebar .badge.text-bg-success",
        },
    ],
});
