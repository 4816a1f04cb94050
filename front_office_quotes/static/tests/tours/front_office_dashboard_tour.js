import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("front_office_dashboard_tour", {
    steps: () => [
        {
            content: "The dashboard shows this week's figures",
            trigger: ".o_fo_dashboard .o_fo_dashboard_figure_utilisation .o_fo_dashboard_value",
        },
        {
            content: "The rebooking rate says what it counts",
            trigger: ".o_fo_dashboard_figure_rebooking .o_fo_dashboard_note",
        },
        {
            content: "A resource without a calendar is measured against the company's hours",
            trigger: ".o_fo_dashboard_company_calendar",
        },
        {
            content: "One no-show of one session due this week",
            trigger: ".o_fo_dashboard_figure_no_show .o_fo_dashboard_value:contains(100)",
        },
        {
            content: "Open the no-shows",
            trigger: ".o_fo_dashboard_figure_no_show",
            run: "click",
        },
        {
            content: "The list of the no-shows opens",
            trigger: ".o_breadcrumb:contains(No-shows)",
        },
        {
            content: "It lists the client's no-show",
            trigger: ".o_list_view .o_data_row:contains(Mario Rossi)",
        },
        {
            content: "Back to the dashboard",
            trigger: ".o_breadcrumb .o_back_button, .o_breadcrumb li:first-child a",
            run: "click",
        },
        {
            trigger: ".o_fo_dashboard .o_fo_dashboard_figures",
        },
    ],
});
