import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import { errorMessage, fromUtc } from "../diary/diary_utils";

/**
 * A session of the Diary: its actions (check in, no-show, cancel, pay, open
 * quote). Cancel and no-show are confirmed first, saying whether the session is
 * used, with the reason; the desk can undo them for a few minutes.
 */
export class DiarySessionDialog extends Component {
    static template = "front_office_quotes.DiarySessionDialog";
    static components = { Dialog };
    static props = {
        close: Function,
        booking: Object,
        resourceName: String,
        tz: String,
        onChanged: Function,
        // Called with a message after a cancellation or a no-show, which the
        // desk may still undo (the dialog is gone by then).
        onUndoable: { type: Function, optional: true },
    };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ error: "", busy: false, confirming: null, reason: "" });
    }

    /** Whether the change being confirmed uses the client's session. */
    get confirmUsesSession() {
        return this.state.confirming === "no_show" || this.props.booking.cancel_is_late;
    }

    get confirmMessage() {
        if (this.state.confirming === "no_show") {
            return _t(
                "A no-show counts as a used session. Its time becomes free for another client."
            );
        }
        if (this.props.booking.cancel_is_late) {
            return _t(
                "Less than %(hours)s hours before the session: this is a late cancellation and counts as a used session. Its time becomes free for another client.",
                { hours: this.props.booking.cancel_notice_hours }
            );
        }
        return _t(
            "Cancelled in good time: the session is not used, the client can book it again."
        );
    }

    /** Ask before a cancellation or a no-show: ``action`` is "cancel" or "no_show". */
    confirm(action) {
        this.state.error = "";
        this.state.reason = "";
        this.state.confirming = action;
    }

    async confirmed() {
        const action = this.state.confirming;
        const method = action === "cancel" ? "action_cancel" : "action_no_show";
        const done = await this.call(method, { reason: this.state.reason });
        if (done) {
            this.props.onUndoable?.(
                action === "cancel" ? _t("Session cancelled.") : _t("Marked as no-show.")
            );
        }
    }

    /** Run an action of the session; true when it went through. */
    async call(method, kwargs = {}) {
        if (this.state.busy) {
            return false;
        }
        this.state.busy = true;
        this.state.error = "";
        try {
            await this.orm.call("front.office.booking", method, [[this.props.booking.id]], kwargs);
        } catch (error) {
            this.state.error = errorMessage(error);
            return false;
        } finally {
            this.state.busy = false;
        }
        await this.props.onChanged();
        this.props.close();
        return true;
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
