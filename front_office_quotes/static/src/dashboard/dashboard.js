import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatFloat, formatMonetary, formatPercentage } from "@web/views/fields/formatters";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { DashboardFigureCard } from "./figure_card/figure_card";

const { DateTime } = luxon;

/** The presets of the period, as luxon intervals of whole days. */
export const PERIODS = {
    week: (today) => [today.startOf("week"), today.endOf("week")],
    month: (today) => [today.startOf("month"), today.endOf("month")],
    previous_month: (today) => {
        const previous = today.minus({ months: 1 });
        return [previous.startOf("month"), previous.endOf("month")];
    },
};

/**
 * The manager's dashboard: how full the operators and rooms were, who did not
 * show up, who booked again, what came in, what is sold and not used, which
 * packages expire. Everything comes from one call,
 * ``front.office.report.fo_dashboard_data``; each figure opens its list.
 */
export class FrontOfficeDashboard extends Component {
    static template = "front_office_quotes.Dashboard";
    static components = { DashboardFigureCard };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        const [from, to] = PERIODS.week(DateTime.local());
        this.state = useState({
            period: "week",
            dateFrom: from.toISODate(),
            dateTo: to.toISODate(),
            data: null,
            error: "",
        });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.error = "";
        try {
            this.state.data = await this.orm.call("front.office.report", "fo_dashboard_data", [
                this.state.dateFrom,
                this.state.dateTo,
            ]);
        } catch (error) {
            this.state.error = error?.data?.message || error?.message || String(error);
        }
    }

    async setPeriod(period) {
        const [from, to] = PERIODS[period](DateTime.local());
        Object.assign(this.state, {
            period,
            dateFrom: from.toISODate(),
            dateTo: to.toISODate(),
        });
        await this.load();
    }

    async onDateChange(field, ev) {
        if (!ev.target.value) {
            return;
        }
        this.state[field] = ev.target.value;
        this.state.period = "custom";
        await this.load();
    }

    get noData() {
        return _t("no data");
    }

    rate(value) {
        return value === null || value === undefined
            ? this.noData
            : formatPercentage(value, { digits: [false, 1] });
    }

    hours(value) {
        return formatFloat(value, { digits: [false, 1] });
    }

    money(value) {
        return formatMonetary(value, { currencyId: this.state.data.currency_id });
    }

    get cards() {
        const f = this.state.data.figures;
        return [
            {
                name: "utilisation",
                label: _t("Utilisation"),
                value: this.rate(f.utilisation.value),
                detail: _t("%(busy)s busy hours of %(working)s working hours", {
                    busy: this.hours(f.utilisation.count),
                    working: this.hours(f.utilisation.total),
                }),
            },
            {
                name: "no_show",
                label: _t("No-show rate"),
                value: this.rate(f.no_show.value),
                detail: _t("%(count)s of %(total)s sessions due", {
                    count: f.no_show.count,
                    total: f.no_show.total,
                }),
            },
            {
                name: "late_cancel",
                label: _t("Late cancellation rate"),
                value: this.rate(f.late_cancel.value),
                detail: _t("%(count)s of %(total)s sessions due", {
                    count: f.late_cancel.count,
                    total: f.late_cancel.total,
                }),
            },
            {
                name: "rebooking",
                label: _t("Rebooking rate"),
                value: this.rate(f.rebooking.value),
                detail: _t("%(count)s of %(total)s attended sessions", {
                    count: f.rebooking.count,
                    total: f.rebooking.total,
                }),
                note: _t(
                    "A session counts as rebooked when the client booked another, later session (any service) between its start and the end of its day."
                ),
            },
            {
                name: "revenue",
                label: _t("Revenue"),
                value: this.money(f.revenue.value),
                detail: _t("%(count)s sessions attended or charged, taxes excluded", {
                    count: f.revenue.count,
                }),
            },
            {
                name: "unused",
                label: _t("Sold, not used"),
                value: this.money(f.unused.value),
                detail: _t("%(count)s sessions on valid confirmed quotes, today", {
                    count: f.unused.count,
                }),
            },
            {
                name: "expiring",
                label: _t("Expiring packages"),
                value: String(f.expiring.count),
                detail: _t("%(sessions)s sessions left, valid until the next 30 days", {
                    sessions: f.expiring.value,
                }),
            },
        ];
    }

    get resources() {
        return this.state.data.resources.map((resource) => ({
            ...resource,
            ratioLabel: this.rate(resource.ratio),
            workingLabel: this.hours(resource.working_hours),
            busyLabel: this.hours(resource.busy_hours),
            width: Math.min(Math.round((resource.ratio || 0) * 100), 100),
        }));
    }

    get anyCompanyCalendar() {
        return this.state.data.resources.some((resource) => resource.company_calendar);
    }

    open(name) {
        return this.action.doAction(this.state.data.figures[name].action);
    }
}

registry.category("actions").add("front_office_quotes.dashboard", FrontOfficeDashboard);
