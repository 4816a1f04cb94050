import { Component, onMounted, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const { DateTime } = luxon;

/** Minutes of one row of the Diary, and its height on screen. */
export const SLOT_MINUTES = 15;
export const ROW_HEIGHT = 22;
/** Live updates: the Diary re-reads its day this often (and when the tab comes back). */
const POLL_MS = 30000;

/** The server's UTC string ("YYYY-MM-DD HH:MM:SS") as a luxon time in ``tz``. */
function fromUtc(value, tz) {
    return DateTime.fromSQL(value, { zone: "utc" }).setZone(tz);
}

/** A luxon time as the server's UTC string. */
function toUtc(moment) {
    return moment.toUTC().toFormat("yyyy-MM-dd HH:mm:ss");
}

/** The message of a refusal from the server (UserError, ValidationError...). */
function errorMessage(error) {
    return error?.data?.message || error?.message || String(error);
}

/**
 * Book from a free cell: find the client (the client list's quick search), then book
 * one of their service lines with sessions left and valid that day, or sell and book
 * one session of a service (``fo_sell_and_book``).
 */
export class DiaryBookDialog extends Component {
    static template = "front_office_quotes.DiaryBookDialog";
    static components = { Dialog };
    static props = {
        close: Function,
        start: Object,
        day: String,
        resource: Object,
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
        this.searchTimeout = null;
        onWillUnmount(() => clearTimeout(this.searchTimeout));
    }

    get title() {
        return _t("Book %(resource)s at %(time)s", {
            resource: this.props.resource.name,
            time: this.props.start.toFormat("HH:mm"),
        });
    }

    get resourceDomain() {
        return [
            "|",
            ["product_id.fo_resource_ids", "=", false],
            ["product_id.fo_resource_ids", "in", [this.props.resource.id]],
        ];
    }

    onQueryInput(ev) {
        this.state.query = ev.target.value;
        clearTimeout(this.searchTimeout);
        this.searchTimeout = setTimeout(() => this.searchClients(), 250);
    }

    async searchClients() {
        const query = this.state.query.trim();
        if (query.length < 2) {
            this.state.partners = [];
            return;
        }
        this.state.partners = await this.orm.searchRead(
            "res.partner",
            [["fo_client_search", "ilike", query]],
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
                [
                    ["order_partner_id", "=", partner.id],
                    ["fo_bookable_on", "=", this.props.day],
                    ...this.resourceDomain,
                ],
                ["display_name", "fo_sessions_remaining"],
                { context: { fo_show_remaining: true } }
            ),
            this.orm.searchRead(
                "product.product",
                [
                    ["fo_is_bookable", "=", true],
                    ["sale_ok", "=", true],
                    "|",
                    ["fo_resource_ids", "=", false],
                    ["fo_resource_ids", "in", [this.props.resource.id]],
                ],
                ["display_name", "lst_price"],
                { limit: 40 }
            ),
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

/**
 * The Diary: one day of the centre, a column per resource (operators, then rooms),
 * 15-minute rows over the opening hours, each session a card. Data from one RPC,
 * ``front.office.booking.fo_diary_data``; every change goes through the ORM (so
 * through the booking's rules) and the day is read again afterwards.
 */
export class FrontOfficeDiary extends Component {
    static template = "front_office_quotes.Diary";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.dialog = useService("dialog");
        this.notification = useService("notification");
        this.state = useState({ data: null, dropTarget: null });
        this.drag = null;
        this.loadSequence = 0;
        onWillStart(() => this.load(this.props.action.context?.default_day || false));
        const onVisible = () => !document.hidden && this.load(this.state.data?.day);
        onMounted(() => {
            this.poll = setInterval(() => {
                if (!document.hidden && !this.drag) {
                    this.load(this.state.data?.day);
                }
            }, POLL_MS);
            document.addEventListener("visibilitychange", onVisible);
        });
        onWillUnmount(() => {
            clearInterval(this.poll);
            document.removeEventListener("visibilitychange", onVisible);
        });
    }

    async load(day) {
        const sequence = ++this.loadSequence;
        const data = await this.orm.call("front.office.booking", "fo_diary_data", [day || false]);
        if (sequence === this.loadSequence) {
            this.state.data = data;
        }
    }

    reload() {
        return this.load(this.state.data.day);
    }

    // -- the day ----------------------------------------------------------

    get tz() {
        return this.state.data.tz;
    }

    get day() {
        return DateTime.fromISO(this.state.data.day);
    }

    get dayLabel() {
        return this.day.toLocaleString({
            weekday: "long",
            day: "numeric",
            month: "long",
            year: "numeric",
        });
    }

    get opening() {
        return fromUtc(this.state.data.hours.start, this.tz);
    }

    get closing() {
        return fromUtc(this.state.data.hours.stop, this.tz);
    }

    get rowCount() {
        return Math.max(1, Math.round(this.closing.diff(this.opening, "minutes").minutes / SLOT_MINUTES));
    }

    get rows() {
        const rows = [];
        for (let index = 0; index < this.rowCount; index++) {
            const time = this.opening.plus({ minutes: index * SLOT_MINUTES });
            rows.push({ index, label: time.toFormat("HH:mm"), hour: time.minute === 0 });
        }
        return rows;
    }

    get bodyHeight() {
        return this.rowCount * ROW_HEIGHT;
    }

    /** Vertical position (px) of a UTC time string, clipped to the opening hours. */
    offset(value) {
        const minutes = fromUtc(value, this.tz).diff(this.opening, "minutes").minutes;
        const clipped = Math.min(Math.max(minutes, 0), this.rowCount * SLOT_MINUTES);
        return (clipped / SLOT_MINUTES) * ROW_HEIGHT;
    }

    get columns() {
        const { resources, bookings, unavailable } = this.state.data;
        return resources.map((resource) => {
            // A session shows in the column of its resource and, when it has one, of
            // its room.
            const own = bookings.filter(
                (b) => b.resource_id === resource.id || b.room_id === resource.id
            );
            return {
                resource,
                cards: this.layoutCards(own),
                unavailable: (unavailable[resource.id] || []).map(([start, stop]) => ({
                    top: this.offset(start),
                    height: this.offset(stop) - this.offset(start),
                })).filter((block) => block.height > 0),
            };
        });
    }

    /** Cards side by side where sessions overlap (a no-show frees its slot). */
    layoutCards(bookings) {
        const lanes = [];
        const placed = bookings.map((booking) => {
            let lane = lanes.findIndex((end) => end <= booking.start);
            if (lane < 0) {
                lane = lanes.length;
                lanes.push(booking.stop);
            } else {
                lanes[lane] = booking.stop;
            }
            return { booking, lane };
        });
        const width = 100 / Math.max(lanes.length, 1);
        return placed.map(({ booking, lane }) => {
            const top = this.offset(booking.start);
            return {
                booking,
                top,
                height: Math.max(this.offset(booking.stop) - top, ROW_HEIGHT) - 2,
                left: lane * width,
                width,
                time: fromUtc(booking.start, this.tz).toFormat("HH:mm"),
            };
        });
    }

    get arrivals() {
        const seen = new Set();
        return this.state.data.bookings
            .filter((b) => !seen.has(b.id) && seen.add(b.id))
            .map((booking) => ({
                booking,
                time: fromUtc(booking.start, this.tz).toFormat("HH:mm"),
                resourceName: this.resourceName(booking.resource_id),
            }));
    }

    resourceName(resourceId) {
        return this.state.data.resources.find((r) => r.id === resourceId)?.name || "";
    }

    cardTitle(booking) {
        return `${booking.partner_name} – ${booking.service} (${booking.session_number}/${booking.sessions_sold})`;
    }

    // -- navigation -------------------------------------------------------

    goTo(day) {
        return this.load(day.toISODate());
    }

    previousDay() {
        return this.goTo(this.day.minus({ days: 1 }));
    }

    nextDay() {
        return this.goTo(this.day.plus({ days: 1 }));
    }

    today() {
        return this.load(false);
    }

    onDateChange(ev) {
        if (ev.target.value) {
            return this.load(ev.target.value);
        }
    }

    // -- book from a free cell ---------------------------------------------

    onCellClick(resource, row) {
        const start = this.opening.plus({ minutes: row.index * SLOT_MINUTES });
        this.dialog.add(DiaryBookDialog, {
            start,
            day: this.state.data.day,
            resource,
            onBooked: () => this.reload(),
        });
    }

    // -- a session ----------------------------------------------------------

    openSession(booking) {
        this.dialog.add(DiarySessionDialog, {
            booking,
            resourceName: this.resourceName(booking.resource_id),
            tz: this.tz,
            onChanged: () => this.reload(),
        });
    }

    async checkIn(booking) {
        try {
            await this.orm.call("front.office.booking", "action_check_in", [[booking.id]]);
        } catch (error) {
            this.notification.add(errorMessage(error), { type: "danger" });
        }
        await this.reload();
    }

    // -- move by drag and drop ----------------------------------------------

    onDragStart(booking, ev) {
        const rect = ev.currentTarget.getBoundingClientRect();
        this.drag = { booking, grabOffset: ev.clientY - rect.top };
        if (ev.dataTransfer) {
            ev.dataTransfer.effectAllowed = "move";
            ev.dataTransfer.setData("text/plain", String(booking.id));
        }
    }

    onDragEnd() {
        this.drag = null;
        this.state.dropTarget = null;
    }

    /** The row where the dragged card's top would land in a column. */
    dropRow(ev) {
        const body = ev.currentTarget.getBoundingClientRect();
        const y = ev.clientY - body.top - (this.drag?.grabOffset || 0);
        return Math.min(Math.max(Math.round(y / ROW_HEIGHT), 0), this.rowCount - 1);
    }

    onDragOver(resource, ev) {
        if (!this.drag) {
            return;
        }
        ev.preventDefault();
        const row = this.dropRow(ev);
        const target = this.state.dropTarget;
        if (!target || target.resourceId !== resource.id || target.row !== row) {
            this.state.dropTarget = { resourceId: resource.id, row };
        }
    }

    async onDrop(resource, ev) {
        if (!this.drag) {
            return;
        }
        ev.preventDefault();
        const { booking } = this.drag;
        const start = this.opening.plus({ minutes: this.dropRow(ev) * SLOT_MINUTES });
        this.onDragEnd();
        await this.move(booking, resource, start);
    }

    /** Move a session; a refused move snaps back and says why. */
    async move(booking, resource, start) {
        const newStart = toUtc(start);
        if (newStart === booking.start && resource.id === booking.resource_id) {
            return;
        }
        const moved = this.state.data.bookings.find((b) => b.id === booking.id);
        const before = { start: moved.start, stop: moved.stop, resource_id: moved.resource_id };
        const length = fromUtc(moved.stop, "utc").diff(fromUtc(moved.start, "utc"));
        // Show the move at once; the server has the last word.
        Object.assign(moved, {
            start: newStart,
            stop: toUtc(start.plus(length)),
            resource_id: resource.id,
        });
        try {
            await this.orm.write("front.office.booking", [booking.id], {
                start: newStart,
                resource_id: resource.id,
            });
        } catch (error) {
            Object.assign(moved, before);
            this.notification.add(errorMessage(error), {
                title: _t("The session was not moved"),
                type: "danger",
            });
        }
        await this.reload();
    }
}

registry.category("actions").add("front_office_quotes.diary", FrontOfficeDiary);
