import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { Domain } from "@web/core/domain";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import { useDebounced } from "@web/core/utils/timing";
import { errorMessage, toUtc } from "../diary/diary_utils";

/** Wait this long after the last key before searching clients. */
const SEARCH_DELAY = 250;

/**
 * Book from a free cell: find the client (the desk's quick search), then book
 * one of their service lines with sessions left and valid that day, or sell and
 * book one session of a service (``fo_sell_and_book``). What is searched comes
 * from the server (``domains`` of the Diary's data), evaluated with the values
 * picked here.
 */
export class DiaryBookDialog extends Component {
    static template = "front_office_quotes.DiaryBookDialog";
    static components = { Dialog };
    static props = {
        close: Function,
        start: Object,
        day: String,
        resource: Object,
        domains: Object,
        onBooked: Function,
    };

    setup() {
        this.orm = useService("orm");
        this.state = useState({
            query: "",
            partners: [],
            partner: null,
            lines: [],
            products: [],
            error: "",
            busy: false,
        });
        this.searchClientsDebounced = useDebounced(this.searchClients, SEARCH_DELAY);
    }

    get title() {
        return _t("Book %(resource)s at %(time)s", {
            resource: this.props.resource.name,
            time: this.props.start.toFormat("HH:mm"),
        });
    }

    /** The server's domain ``name`` with the values picked in the dialog. */
    domain(name, values = {}) {
        return new Domain(this.props.domains[name]).toList({
            day: this.props.day,
            resource_id: this.props.resource.id,
            partner_id: this.state.partner?.id || false,
            query: this.state.query.trim(),
            ...values,
        });
    }

    onQueryInput(ev) {
        this.state.query = ev.target.value;
        this.searchClientsDebounced();
    }

    async searchClients() {
        if (this.state.query.trim().length < 2) {
            this.state.partners = [];
            return;
        }
        this.state.partners = await this.orm.searchRead(
            "res.partner",
            this.domain("clients"),
            ["display_name", "phone", "email"],
            { limit: 8 }
        );
    }

    async selectPartner(partner) {
        this.state.partner = partner;
        this.state.error = "";
        const [lines, products] = await Promise.all([
            this.orm.searchRead(
                "sale.order.line",
                this.domain("lines"),
                ["display_name", "fo_sessions_remaining"],
                { context: { fo_show_remaining: true } }
            ),
            this.orm.searchRead("product.product", this.domain("services"), [
                "display_name",
                "lst_price",
            ], { limit: 40 }),
        ]);
        this.state.lines = lines;
        this.state.products = products;
    }

    changePartner() {
        this.state.partner = null;
        this.state.lines = [];
        this.state.products = [];
        this.state.error = "";
    }

    async run(operation) {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        this.state.error = "";
        try {
            await operation();
        } catch (error) {
            this.state.error = errorMessage(error);
            return;
        } finally {
            this.state.busy = false;
        }
        await this.props.onBooked();
        this.props.close();
    }

    bookLine(line) {
        return this.run(() =>
            this.orm.create("front.office.booking", [
                {
                    sale_line_id: line.id,
                    start: toUtc(this.props.start),
                    resource_id: this.props.resource.id,
                },
            ])
        );
    }

    sellAndBook(product) {
        return this.run(() =>
            this.orm.call("front.office.booking", "fo_sell_and_book", [
                this.state.partner.id,
                product.id,
                toUtc(this.props.start),
                this.props.resource.id,
            ])
        );
    }
}
