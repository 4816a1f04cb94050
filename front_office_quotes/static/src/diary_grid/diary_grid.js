import { Component, useRef, useState } from "@odoo/owl";
import { useDraggable } from "@web/core/utils/draggable";
import { clamp } from "@web/core/utils/numbers";
import { ROW_HEIGHT, SLOT_MINUTES, fromUtc } from "../diary/diary_utils";

/** Sessions that use their session but free their time. */
const FREED_STATES = ["late_cancel", "no_show"];
/** Width (% of the column) of the strip where those sessions are drawn. */
const ASIDE_WIDTH = 22;

/**
 * The Diary's day as a grid: a column per resource, 15-minute rows over the
 * opening hours, each session a card (in the column of its resource and of its
 * room), non-working time hatched. A card is dragged to another column and time
 * with core's draggable hook; what happens then is the parent's call.
 */
export class DiaryGrid extends Component {
    static template = "front_office_quotes.DiaryGrid";
    static props = {
        data: Object,
        onCellClick: Function,
        onCardClick: Function,
        onMove: Function,
        onDragging: { type: Function, optional: true },
    };

    setup() {
        this.rootRef = useRef("root");
        this.state = useState({ dropTarget: null });
        this.drag = null;
        useDraggable({
            ref: this.rootRef,
            // A session drawn aside has freed its time: nothing to move.
            elements: ".o_fo_diary_body .o_fo_diary_card:not(.o_fo_diary_card_aside)",
            cursor: "grabbing",
            edgeScrolling: { speed: 20, threshold: 40 },
            onWillStartDrag: ({ element, y }) => {
                // Where the card was grabbed: its top lands that far above the pointer.
                this.drag = {
                    booking: this.booking(element),
                    grabOffset: y - element.getBoundingClientRect().top,
                };
            },
            onDragStart: () => this.props.onDragging?.(true),
            onDrag: ({ x, y }) => this.trackDrop(x, y),
            onDrop: ({ x, y }) => {
                const target = this.trackDrop(x, y);
                if (target) {
                    this.props.onMove(this.drag.booking, target.resource, target.start);
                }
            },
            onDragEnd: () => {
                this.drag = null;
                this.state.dropTarget = null;
                this.props.onDragging?.(false);
            },
        });
    }

    // -- the day ----------------------------------------------------------

    get tz() {
        return this.props.data.tz;
    }

    get opening() {
        return fromUtc(this.props.data.hours.start, this.tz);
    }

    get closing() {
        return fromUtc(this.props.data.hours.stop, this.tz);
    }

    get rowCount() {
        const minutes = this.closing.diff(this.opening, "minutes").minutes;
        return Math.max(1, Math.round(minutes / SLOT_MINUTES));
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

    /** The start of a row, in the day's time zone. */
    rowStart(index) {
        return this.opening.plus({ minutes: index * SLOT_MINUTES });
    }

    /** Vertical position (px) of a UTC time string, clipped to the opening hours. */
    offset(value) {
        const minutes = fromUtc(value, this.tz).diff(this.opening, "minutes").minutes;
        const clipped = clamp(minutes, 0, this.rowCount * SLOT_MINUTES);
        return (clipped / SLOT_MINUTES) * ROW_HEIGHT;
    }

    get columns() {
        const { resources, bookings, unavailable } = this.props.data;
        return resources.map((resource) => {
            // A session shows in the column of its resource and, when it has one, of
            // its room.
            const own = bookings.filter(
                (b) => b.resource_id === resource.id || b.room_id === resource.id
            );
            return {
                resource,
                cards: this.layoutCards(own),
                unavailable: (unavailable[resource.id] || [])
                    .map(([start, stop]) => ({
                        top: this.offset(start),
                        height: this.offset(stop) - this.offset(start),
                    }))
                    .filter((block) => block.height > 0),
            };
        });
    }

    /**
     * Cards side by side where sessions overlap. A session that freed its time
     * (a late cancellation, a no-show) is drawn aside, in a narrow strip at the
     * right, so that the rest of its cell stays free to click and book.
     */
    layoutCards(bookings) {
        const freed = bookings.filter((b) => FREED_STATES.includes(b.state));
        const active = bookings.filter((b) => !FREED_STATES.includes(b.state));
        const room = freed.length ? 100 - ASIDE_WIDTH : 100;
        return [
            ...this.layoutLanes(active, 0, room),
            ...this.layoutLanes(freed, room, ASIDE_WIDTH).map((card) => ({
                ...card,
                aside: true,
            })),
        ];
    }

    /** Overlapping bookings in lanes within ``width`` % from ``left`` %. */
    layoutLanes(bookings, left, width) {
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
        const laneWidth = width / Math.max(lanes.length, 1);
        return placed.map(({ booking, lane }) => {
            const top = this.offset(booking.start);
            return {
                booking,
                top,
                height: Math.max(this.offset(booking.stop) - top, ROW_HEIGHT) - 2,
                left: left + lane * laneWidth,
                width: laneWidth,
                aside: false,
                time: fromUtc(booking.start, this.tz).toFormat("HH:mm"),
            };
        });
    }

    cardTitle(booking) {
        return `${booking.partner_name} – ${booking.service} (${booking.session_number}/${booking.sessions_sold})`;
    }

    isDropTarget(resource, row) {
        const target = this.state.dropTarget;
        return Boolean(target && target.resourceId === resource.id && target.row === row.index);
    }

    // -- book from a free cell ---------------------------------------------

    onCellClick(resource, row) {
        this.props.onCellClick(resource, this.rowStart(row.index));
    }

    // -- move by drag and drop ----------------------------------------------

    booking(element) {
        const id = Number(element.dataset.bookingId);
        return this.props.data.bookings.find((b) => b.id === id);
    }

    /**
     * The column and row where the dragged card's top would land with the pointer
     * at (x, y); marks that cell.
     */
    trackDrop(x, y) {
        if (!this.drag) {
            return null;
        }
        const bodies = this.rootRef.el.querySelectorAll(".o_fo_diary_body");
        const body = [...bodies].find((el) => {
            const rect = el.getBoundingClientRect();
            return rect.left <= x && x < rect.right;
        });
        const resourceId = Number(body?.dataset.resourceId);
        const resource = this.props.data.resources.find((r) => r.id === resourceId);
        if (!resource) {
            this.state.dropTarget = null;
            return null;
        }
        const top = y - this.drag.grabOffset - body.getBoundingClientRect().top;
        const row = clamp(Math.round(top / ROW_HEIGHT), 0, this.rowCount - 1);
        const target = this.state.dropTarget;
        if (!target || target.resourceId !== resourceId || target.row !== row) {
            this.state.dropTarget = { resourceId, row };
        }
        return { resource, start: this.rowStart(row) };
    }
}
