import { registry } from "@web/core/registry";

/**
 * Taking payment: from the client record, register the payment of the
 * sessions just booked and see them paid in Appointments & Visits.
 */
registry.category("web_tour.tours").add("front_office_payment_tour", {
    steps: () => [
        {
            content: "The client has sessions to pay",
            trigger: ".oe_stat_button[name=action_fo_register_payment]:contains(138.00)",
        },
        {
            content: "Register the payment of the booked sessions",
            trigger: ".o_statusbar_buttons button[name=action_fo_register_payment]",
            run: "click",
        },
        {
            content: "Both booked sessions are preselected, with their amount",
            trigger: ".modal .o_field_widget[name=amount]:contains(138.00)",
        },
        {
            trigger: ".modal .o_field_widget[name=booking_ids] .o_data_row:nth-child(2)",
        },
        {
            content: "Cash, among bank and card",
            trigger: ".modal .o_field_widget[name=journal_id] .o_radio_item:contains(Card (POS))",
        },
        {
            trigger: ".modal .o_field_widget[name=journal_id] .o_radio_item:contains(Cash Desk) input",
            run: "click",
        },
        {
            content: "Take the payment",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The payment is recorded in accounting",
            trigger: ".o_form_view .o_field_widget[name=amount]:contains(138.00)",
        },
        {
            content: "The desk prints the receipt",
            trigger: ".o_form_view button[name=action_fo_print_receipt]",
        },
        {
            content: "Back to the client",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Mario Rossi)",
            run: "click",
        },
        {
            content: "Nothing left to pay",
            trigger: ".oe_stat_button[name=action_fo_register_payment]:contains(0.00)",
        },
        {
            content: "Open Appointments & Visits",
            trigger: ".o_notebook .nav-link:contains(Appointments)",
            run: "click",
        },
        {
            content: "The sessions are paid",
            trigger:
                ".o_field_widget[name=fo_booking_ids] .o_data_row:nth-child(2) .o_field_widget[name=payment_state]:contains(Paid)",
        },
        {
            trigger:
                ".o_field_widget[name=fo_booking_ids] .o_data_row:nth-child(1) .o_field_widget[name=payment_state]:contains(Paid)",
        },
    ],
});
