import { registry } from "@web/core/registry";

/**
 * A new client at an Italian desk: the form proposes the operator's language
 * before anyone touches it, and the client is saved speaking it.
 */
registry.category("web_tour.tours").add("front_office_new_client_tour", {
    steps: () => [
        {
            content: "A new client speaks the centre's language from the start",
            trigger: ".o_form_view .o_field_widget[name=lang] input:value(Italiano)",
        },
        {
            content: "The new client's name",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Lucia Bianchi",
        },
        {
            content: "A phone the centre does not have",
            trigger: ".o_form_view .o_field_widget[name=phone] input",
            run: "edit +39 347 7654321 && press Tab",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved, still in Italian",
            trigger: ".o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=lang] input:value(Italiano)",
        },
    ],
});

/**
 * A new client whose phone the centre already has: the form warns and names the
 * existing client, and the desk discards the duplicate.
 */
registry.category("web_tour.tours").add("front_office_duplicate_client_tour", {
    steps: () => [
        {
            content: "A new client's name",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Mario Rossi",
        },
        {
            content: "A phone the centre already has",
            trigger: ".o_form_view .o_field_widget[name=phone] input",
            run: "edit +39 333 1234567 && press Tab",
        },
        {
            content: "The form names the client who has it",
            trigger: ".o_fo_duplicate_warning:visible .o_tag:contains(Mario Rossi)",
        },
        {
            content: "Not a new client: discard",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            content: "Back where the desk was, nothing saved",
            trigger: "body:not(:has(.o_fo_duplicate_warning:visible)):not(:has(.o_form_view .o_field_widget[name=phone]))",
        },
    ],
});

/**
 * The client pays the whole package up front, in cash, and leaves with the
 * receipt.
 */
registry.category("web_tour.tours").add("front_office_checkout_tour", {
    steps: () => [
        {
            content: "Take a payment from the client record",
            trigger: ".o_statusbar_buttons button[name=action_fo_register_payment]",
            run: "click",
        },
        {
            content: "The whole package",
            trigger: ".modal .o_field_widget[name=fo_scope] .o_radio_item:contains(Whole package) input",
            run: "click",
        },
        {
            content: "Its quote is the client's only one; the amount is its balance due",
            trigger: ".modal .o_field_widget[name=amount]:contains(690.00)",
        },
        {
            content: "In cash",
            trigger: ".modal .o_field_widget[name=journal_id] .o_radio_item:contains(Cash Desk) input",
            run: "click",
        },
        {
            content: "Take the payment",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The payment is recorded",
            trigger: ".o_form_view .o_field_widget[name=amount]:contains(690.00)",
        },
        {
            content: "Print the receipt",
            trigger: ".o_form_view button[name=action_fo_print_receipt]",
            run: "click",
        },
        {
            content: "The receipt is on its way to the browser",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});
