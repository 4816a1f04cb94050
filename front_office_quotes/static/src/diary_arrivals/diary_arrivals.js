import { Component } from "@odoo/owl";
import { fromUtc } from "../diary/diary_utils";
import { DiaryWaitlist } from "../diary_waitlist/diary_waitlist";

/** Today's arrivals: the day's sessions in time order, with *Check in*; below
 * them, who waits for a time on this day. */
export class DiaryArrivals extends Component {
    static template = "front_office_quotes.DiaryArrivals";
    static components = { DiaryWaitlist };
    static props = {
        data: Object,
        onOpen: Function,
        onCheckIn: Function,
    };

    get arrivals() {
        const { bookings, resources, tz } = this.props.data;
        const names = Object.fromEntries(resources.map((r) => [r.id, r.name]));
        const seen = new Set();
        return bookings
            .filter((b) => !seen.has(b.id) && seen.add(b.id))
            .map((booking) => ({
                booking,
                time: fromUtc(booking.start, tz).toFormat("HH:mm"),
                resourceName: names[booking.resource_id] || "",
            }));
    }
}
