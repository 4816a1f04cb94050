import { registry } from "@web/core/registry";

/**
 * The centre adds a therapist who is no Odoo user from Front Office >
 * Configuration > Resources, and sees her working hours on the form.
 */
registry.category("web_tour.tours").add("front_office_resource_tour", {
    steps: () => [
        {
            content: "A new resource",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Her name",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Sara Neri",
        },
        {
            content: "A person, no Odoo user: nothing is required but the name",
            trigger: ".o_field_widget[name=user_id]:not(.o_required_modifier)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved, with the working hours of her calendar",
            trigger: ".o_form_saved .o_notebook a:contains(Working Hours)",
        },
    ],
});
