import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { useService } from "@web/core/utils/hooks";
import { errorMessage, fromUtc } from "../diary/diary_utils";

/** A session of the Diary: its actions (check in, no-show, cancel, pay, open quote). */
export class DiarySessionDialog extends Component {
    static template = "front_office_quotes.DiarySessionDialog";
    static components = { Dialog };
    static props = {
        close: Function,
        booking: Object,
        resourceName: String,
        tz: String,
        onChanged: Function,
    };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ error: "", busy: false });
    }

    get timeLabel() {
        const { booking, tz } = this.props;
        // A 50' session may be stored as 0.8333 h: show its stop to the minute.
        const stop = fromUtc(booking.stop, tz).plus({ seconds: 30 }).startOf("minute");
        return `${fromUtc(booking.start, tz).toFormat("HH:mm")}–${stop.toFormat("HH:mm")}`;
    }

    async call(method) {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        this.state.error = "";
        try {
            await this.orm.call("front.office.booking", method, [[this.props.booking.id]]);
        } catch (error) {
            this.state.error = errorMessage(error);
            return;
        } finally {
            this.state.busy = false;
        }
        await this.props.onChanged();
        this.props.close();
    }

    async registerPayment() {
        let action;
        try {
            action = await this.orm.call("front.office.booking", "action_fo_register_payment", [
                [this.props.booking.id],
            ]);
        } catch (error) {
            this.state.error = errorMessage(error);
            return;
        }
        this.props.close();
        await this.action.doAction(action, { onClose: () => this.props.onChanged() });
    }

    async openQuote() {
        this.props.close();
        await this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "sale.order",
            res_id: this.props.booking.sale_order_id,
            views: [[false, "form"]],
        });
    }
}
