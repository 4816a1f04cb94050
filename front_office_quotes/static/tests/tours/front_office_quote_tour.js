import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

/**
 * The client and the quote: find a client by phone, add a first-time visitor, make a quote
 * for them from a template, confirm it and print it.
 */
registry.category("web_tour.tours").add("front_office_quote_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "front_office_quotes.menu_front_office_root",
            "Open the Front Office app"
        ),
        // Step 1: quick search by phone, however it is typed.
        {
            content: "The app opens on the Diary: go to the front desk",
            trigger: ".o_main_navbar [data-menu-xmlid='front_office_quotes.menu_front_desk']",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb:contains(Front Desk)",
        },
        {
            content: "Search the client by phone",
            trigger: ".o_searchview_input",
            run: "edit 3331234567",
        },
        {
            content: "Search it as a client (name, phone, email or VAT)",
            trigger: ".o_searchview_autocomplete .o-dropdown-item:contains(Client)",
            run: "click",
        },
        {
            content: "Mario Rossi is found, and only him",
            trigger:
                ".o_kanban_renderer:not(:has(.o_kanban_record:contains(Laura Bianchi))) .o_kanban_record:contains(Mario Rossi)",
        },
        // A first-time visitor gets a new record.
        {
            content: "Add a person",
            trigger: ".o_control_panel_main_buttons button.o-kanban-button-new",
            run: "click",
        },
        {
            content: "Name of the new client",
            trigger: ".o_field_widget[name=name] .o_input",
            run: "edit Giovanni Neri",
        },
        {
            content: "Phone of the new client",
            trigger: ".o_field_widget[name=phone] input",
            run: "edit +39 340 111 2222",
        },
        {
            content: "Save the client",
            trigger: ".o_form_button_save",
            run: "click",
        },
        // Step 2: the quote, from the client record.
        {
            content: "New quote from the client record",
            trigger: ".o_form_saved button[name=action_fo_new_quote]",
            run: "click",
        },
        {
            content: "The client is already there",
            trigger: ".o_field_widget[name=partner_id] input:value(Giovanni Neri)",
        },
        {
            content: "Choose the quote template",
            trigger: ".o_field_widget[name=sale_order_template_id] input",
            run: "edit Relax",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Relax Package)",
            run: "click",
        },
        {
            content: "The template brings its services and description",
            trigger:
                ".o_field_widget[name=fo_description] input:value(Ten relaxing massages)",
        },
        {
            trigger: ".o_field_one2many[name=order_line] .o_data_row:contains(Massage)",
        },
        {
            content: "Describe the package",
            trigger: ".o_field_widget[name=fo_description] input",
            run: "edit Winter relax package",
        },
        {
            content: "Validity starts today by default",
            trigger: ".o_field_widget[name=validity_start_date] .o_input[value]:not([value=''])",
        },
        {
            content: "Open the end of the validity",
            trigger: ".o_field_widget[name=validity_date] .o_input",
            run: "click",
        },
        {
            content: "Set the end of the validity",
            trigger: ".o_field_widget[name=validity_date] input",
            run: "edit 12/31/2030 && press Enter",
        },
        {
            trigger: ".o_field_widget[name=validity_date]:contains(2030)",
        },
        {
            content: "Add a service",
            trigger: ".o_field_x2many_list_row_add a:contains(Add a product)",
            run: "click",
        },
        {
            trigger: ".o_data_row.o_selected_row .o_field_widget[name=product_template_id] input",
            run: "edit Physio",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Physiotherapy)",
            run: "click",
        },
        {
            content: "The service is on the line",
            trigger:
                ".o_field_one2many[name=order_line] .o_data_row [name=product_template_id] input:value(Physiotherapy)",
        },
        {
            content: "Its price is in (the line's onchange is done)",
            trigger: ".o_field_one2many[name=order_line] .o_data_row.o_selected_row:contains(55.00)",
        },
        {
            content: "Save the quote",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The service is on the quote",
            trigger:
                ".o_field_one2many[name=order_line] .o_data_row:not(.o_selected_row):contains(Physiotherapy)",
        },
        {
            content: "Confirm the quote",
            trigger: ".o_statusbar_buttons button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The quote is confirmed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Sales Order)",
        },
        {
            content: "The operator is the front-desk user",
            trigger: ".o_field_widget[name=user_id]:contains(Anna Reception)",
        },
        {
            content: "Print the quote for the client",
            trigger: ".o_statusbar_buttons button:contains(Print)",
            run: "click",
        },
        {
            content: "The printing ends without error",
            trigger: "body:not(:has(.o_error_dialog)) .o_statusbar_buttons button:contains(Print):enabled",
        },
    ],
});
