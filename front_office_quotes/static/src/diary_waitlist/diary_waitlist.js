import { Component } from "@odoo/owl";
import { useService } from "@web/core/utils/hooks";

/** "Waiting for this day": the waitlist requests whose days include the
 * Diary's day, oldest first; a click opens the request. */
export class DiaryWaitlist extends Component {
    static template = "front_office_quotes.DiaryWaitlist";
    static props = { entries: { type: Array, optional: true } };

    setup() {
        this.action = useService("action");
    }

    get entries() {
        return this.props.entries || [];
    }

    open(entry) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "front.office.waitlist",
            res_id: entry.id,
            views: [[false, "form"]],
        });
    }
}
