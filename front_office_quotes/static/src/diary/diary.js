import { Component, onWillStart, onWillUnmount, useExternalListener, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { useDebounced } from "@web/core/utils/timing";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { DiaryArrivals } from "../diary_arrivals/diary_arrivals";
import { DiaryBookDialog } from "../diary_book_dialog/diary_book_dialog";
import { DiaryGrid } from "../diary_grid/diary_grid";
import { DiaryNavigation } from "../diary_navigation/diary_navigation";
import { DiarySessionDialog } from "../diary_session_dialog/diary_session_dialog";
import { errorMessage, fromUtc, toUtc } from "./diary_utils";

const { DateTime } = luxon;

/** The bus channel of the Diary and the message sent when sessions change. */
export const DIARY_CHANNEL = "front_office_quotes.diary";
export const DIARY_CHANGED = "front_office_quotes.diary/changed";
/** A burst of changes (a batch, a move and its room) is read back once. */
const RELOAD_DELAY = 200;

/**
 * The Diary: one day of the centre, a column per resource (operators, then rooms),
 * 15-minute rows over the opening hours, each session a card; today's arrivals
 * beside. Data from one RPC, ``front.office.booking.fo_diary_data``; every change
 * goes through the ORM (so through the booking's rules) and the day is read again
 * afterwards. Changes made elsewhere arrive through the bus.
 */
export class FrontOfficeDiary extends Component {
    static template = "front_office_quotes.Diary";
    static components = { Layout, DiaryArrivals, DiaryGrid, DiaryNavigation };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.dialog = useService("dialog");
        this.notification = useService("notification");
        this.state = useState({ data: null });
        this.loadSequence = 0;
        this.dragging = false;
        this.changedWhileDragging = false;
        this.reloadSoon = useDebounced(this.reload, RELOAD_DELAY);
        onWillStart(() => this.load(this.props.action.context?.default_day || false));
        this.listenToChanges();
    }

    /** Live updates: the bus tells which span of time changed, in which company. */
    listenToChanges() {
        const bus = useService("bus_service");
        const onChanged = (payload) => this.onDiaryChanged(payload);
        bus.addChannel(DIARY_CHANNEL);
        bus.subscribe(DIARY_CHANGED, onChanged);
        onWillUnmount(() => {
            bus.unsubscribe(DIARY_CHANGED, onChanged);
            bus.deleteChannel(DIARY_CHANNEL);
        });
        // A sleeping tab may have missed messages: read the day again on return.
        useExternalListener(document, "visibilitychange", () => {
            if (!document.hidden && this.state.data) {
                this.reloadSoon();
            }
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
        if (this.state.data) {
            return this.load(this.state.data.day);
        }
    }

    /** Whether the UTC span ``[start, stop]`` meets the day shown. */
    showsSpan(start, stop) {
        const { day, tz } = this.state.data;
        const dayStart = DateTime.fromISO(day, { zone: tz });
        const dayStop = dayStart.plus({ days: 1 });
        return fromUtc(start, tz) < dayStop && fromUtc(stop, tz) >= dayStart;
    }

    onDiaryChanged({ company_id, start, stop }) {
        if (
            !this.state.data ||
            !user.activeCompanies.some((company) => company.id === company_id) ||
            !this.showsSpan(start, stop)
        ) {
            return;
        }
        if (this.dragging) {
            // The card in hand stays where it is; the day is read after the drop.
            this.changedWhileDragging = true;
            return;
        }
        this.reloadSoon();
    }

    onDragging(dragging) {
        this.dragging = dragging;
        if (!dragging && this.changedWhileDragging) {
            this.changedWhileDragging = false;
            this.reloadSoon();
        }
    }

    resourceName(resourceId) {
        return this.state.data.resources.find((r) => r.id === resourceId)?.name || "";
    }

    // -- book from a free cell ---------------------------------------------

    openBookDialog(resource, start) {
        this.dialog.add(DiaryBookDialog, {
            start,
            day: this.state.data.day,
            resource,
            domains: this.state.data.domains,
            onBooked: () => this.reload(),
        });
    }

    // -- a session ----------------------------------------------------------

    openSession(booking) {
        this.dialog.add(DiarySessionDialog, {
            booking,
            resourceName: this.resourceName(booking.resource_id),
            tz: this.state.data.tz,
            onChanged: () => this.reload(),
            onUndoable: (message) => this.offerUndo(booking, message),
        });
    }

    /** A short-lived way back, for the operator who clicked too fast. */
    offerUndo(booking, message) {
        const close = this.notification.add(message, {
            type: "warning",
            className: "o_fo_diary_undo_notification",
            buttons: [
                {
                    name: _t("Undo"),
                    primary: true,
                    onClick: async () => {
                        close();
                        try {
                            await this.orm.call("front.office.booking", "action_undo", [
                                [booking.id],
                            ]);
                        } catch (error) {
                            this.notification.add(errorMessage(error), { type: "danger" });
                            return;
                        }
                        this.notification.add(_t("Undone: the session is booked again."), {
                            type: "success",
                        });
                        await this.reload();
                    },
                },
            ],
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
