import { Component } from "@odoo/owl";

/** One figure of the dashboard: its label, value, detail; a click opens its list. */
export class DashboardFigureCard extends Component {
    static template = "front_office_quotes.DashboardFigureCard";
    static props = {
        name: String,
        label: String,
        value: String,
        detail: { type: String, optional: true },
        note: { type: String, optional: true },
        onOpen: Function,
    };
}
