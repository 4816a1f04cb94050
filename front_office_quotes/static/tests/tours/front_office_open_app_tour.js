import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("front_office_open_app", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "front_office_quotes.menu_front_office_root",
            "Open the Front Office app"
        ),
        {
            content: "The Front Office app opens on the front desk",
            trigger: ".o_main_navbar .o_menu_brand:contains(Front Office)",
        },
        {
            content: "Its sections are in the top menu",
            trigger: ".o_main_navbar [data-menu-xmlid='front_office_quotes.menu_quotes']",
        },
        {
            content: "The Diary is the first screen",
            trigger: ".o_fo_diary .o_control_panel .o_fo_diary_navigation",
        },
        {
            content: "The client search is one click away",
            trigger: ".o_main_navbar [data-menu-xmlid='front_office_quotes.menu_front_desk']",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb:contains(Front Desk)",
        },
    ],
});
