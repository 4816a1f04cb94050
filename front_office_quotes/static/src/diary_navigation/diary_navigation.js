import { Component } from "@odoo/owl";
import { DateTimeInput } from "@web/core/datetime/datetime_input";

const { DateTime } = luxon;

/** The Diary's day in the control panel: previous, today, next, any day. */
export class DiaryNavigation extends Component {
    static template = "front_office_quotes.DiaryNavigation";
    static components = { DateTimeInput };
    static props = {
        day: String, // "YYYY-MM-DD"
        onChange: Function, // called with "YYYY-MM-DD", or false for today
    };

    get date() {
        return DateTime.fromISO(this.props.day);
    }

    get dayLabel() {
        return this.date.toLocaleString({
            weekday: "long",
            day: "numeric",
            month: "long",
            year: "numeric",
        });
    }

    shift(days) {
        return this.props.onChange(this.date.plus({ days }).toISODate());
    }

    today() {
        return this.props.onChange(false);
    }

    onDateChange(date) {
        if (date) {
            return this.props.onChange(date.toISODate());
        }
    }
}
