import { serializeDate } from "@web/core/l10n/dates";
import { CalendarModel } from "@web/views/calendar/calendar_model";

/** The field the planning is coloured and filtered by: who delivers the session. */
export const RESOURCE_FIELD = "resource_id";

/** The icon that tells a session's state on its card (a booked one has none). */
export const STATE_ICONS = {
    done: "fa-check",
    no_show: "fa-user-times",
    late_cancel: "fa-clock-o",
    cancelled: "fa-ban",
};

/** Drawn until the server answers, or when it has nothing to say (month, year). */
export const DEFAULT_PLANNING_HOURS = { slot_min: "08:00", slot_max: "20:00", business_hours: false };

function toMinutes(clock) {
    const [hours, minutes] = clock.split(":").map(Number);
    return hours * 60 + (minutes || 0);
}

function toClock(minutes) {
    const hours = String(Math.floor(minutes / 60)).padStart(2, "0");
    return `${hours}:${String(minutes % 60).padStart(2, "0")}:00`;
}

/**
 * The visible time range of the planning: the opening hours the server computed,
 * widened (to whole hours) to every session shown, so that a session a manager
 * booked outside the hours is never out of sight.
 *
 * @param {{slot_min: string, slot_max: string}} hours
 * @param {Object[]} records the calendar's records (luxon ``start``/``end``)
 * @returns {{slotMinTime: string, slotMaxTime: string}} "HH:MM:SS"
 */
export function planningSlotRange(hours, records) {
    let first = toMinutes(hours.slot_min);
    let last = toMinutes(hours.slot_max);
    for (const record of records) {
        if (record.isAllDay) {
            continue;
        }
        first = Math.min(first, record.start.hour * 60 + record.start.minute);
        const end = record.end.hasSame(record.start, "day")
            ? record.end.hour * 60 + record.end.minute + (record.end.second ? 1 : 0)
            : 24 * 60;
        last = Math.max(last, end);
    }
    first = Math.floor(first / 60) * 60;
    last = Math.min(24 * 60, Math.ceil(last / 60) * 60);
    return { slotMinTime: toClock(first), slotMaxTime: toClock(last) };
}

/**
 * The services planning's data: core's calendar of the sessions, plus the
 * opening hours of the centre (one call, ``fo_planning_hours``), and each card's
 * client, service and state.
 */
export class FoPlanningCalendarModel extends CalendarModel {
    setup() {
        super.setup(...arguments);
        this.data.planningHours = null;
    }

    get planningHours() {
        return this.data.planningHours || DEFAULT_PLANNING_HOURS;
    }

    get slotRange() {
        return planningSlotRange(this.planningHours, Object.values(this.records));
    }

    /**
     * The operators the side panel narrows the planning to, or null when it
     * shows everyone.
     */
    activeResourceIds(data = this.data) {
        const section = data.filterSections[RESOURCE_FIELD];
        if (!section) {
            return null;
        }
        const filters = section.filters.filter((filter) => filter.value);
        const active = filters.filter((filter) => filter.active);
        if (!active.length || active.length === filters.length) {
            return null;
        }
        return active.map((filter) => filter.value);
    }

    /** The one operator filtered in the side panel, if exactly one is. */
    get filteredResourceId() {
        const section = this.data.filterSections[RESOURCE_FIELD];
        const active = (section?.filters || []).filter((f) => f.value && f.active);
        return active.length === 1 ? active[0].value : null;
    }

    async updateData(data) {
        await super.updateData(data);
        data.planningHours = ["day", "week"].includes(this.meta.scale)
            ? await this.fetchPlanningHours(data)
            : null;
    }

    fetchPlanningHours(data) {
        return this.orm.call(
            this.meta.resModel,
            "fo_planning_hours",
            [serializeDate(data.range.start), serializeDate(data.range.end)],
            {
                tz: luxon.Settings.defaultZone.name,
                resource_ids: this.activeResourceIds(data),
            }
        );
    }

    normalizeRecord(rawRecord) {
        const record = super.normalizeRecord(rawRecord);
        const partnerName = rawRecord.partner_id ? rawRecord.partner_id[1] : "";
        const serviceName = rawRecord.product_id ? rawRecord.product_id[1] : "";
        const state = rawRecord.state || "booked";
        const stateLabel =
            this.meta.fields.state?.selection?.find(([value]) => value === state)?.[1] || "";
        return {
            ...record,
            title: [partnerName, serviceName].filter(Boolean).join(" — ") || record.title,
            partnerName,
            serviceName,
            state,
            stateLabel,
            stateIcon: STATE_ICONS[state] || "",
            // The time of a no-show or a late cancellation is free again.
            isHatched: ["no_show", "late_cancel"].includes(state),
        };
    }

    /**
     * What a move or a resize writes: the start and the duration. The stop the
     * cards end at is derived from them (whole minutes) and is never written.
     */
    buildRawRecord(partialRecord, options) {
        const data = super.buildRawRecord(partialRecord, options);
        delete data[this.meta.fieldMapping.date_stop];
        return data;
    }

    /**
     * A move the rule book refuses leaves the card where it was: the planning
     * reads the sessions again, then the refusal is shown with its reason.
     */
    async updateRecord(record, options) {
        try {
            return await super.updateRecord(record, options);
        } catch (error) {
            await this.load();
            throw error;
        }
    }

    /**
     * A new session from a free slot: its start (and the slot's length until a
     * service line gives the session's own), and the operator when the side
     * panel shows exactly one.
     */
    makeContextDefaults(rawRecord) {
        const context = super.makeContextDefaults(rawRecord);
        const resourceId = this.filteredResourceId;
        if (resourceId) {
            context[`default_${RESOURCE_FIELD}`] = resourceId;
        }
        return context;
    }
}
